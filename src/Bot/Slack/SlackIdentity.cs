namespace CourseBot.Bot.Slack;

/// <summary>
/// The bot's own Slack user id (from <c>auth.test</c>), so its own messages are never taken for questions.
/// Learnt at start-up by <see cref="SlackTokenCheck"/>, or on the first message if that has not happened yet.
/// </summary>
public sealed class SlackIdentity(SlackApiClient api)
{
    private volatile string? _botUser;

    public void Remember(string botUser) => _botUser = botUser;

    /// <exception cref="SlackApiException">Slack refused <c>auth.test</c>.</exception>
    /// <exception cref="SlackUnavailableException">Slack did not answer it.</exception>
    public async Task<string> BotUserAsync(CancellationToken cancellationToken)
    {
        if (_botUser is { } known)
        {
            return known;
        }

        var (_, user) = await api.AuthTestAsync(cancellationToken);
        _botUser = user;
        return user;
    }
}
