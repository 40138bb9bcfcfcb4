using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Calls <c>auth.test</c> with the bot token at start-up: a refused token stops the bot with the reason
/// (exit 3), rather than every post failing later one channel at a time.
/// </summary>
public sealed partial class SlackTokenCheck(SlackApiClient api, FatalStop fatal, ILogger<SlackTokenCheck> logger, SlackIdentity? identity = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var (team, user) = await api.AuthTestAsync(stoppingToken);
            identity?.Remember(user);
            LogAuthenticated(team, user);
        }
        catch (SlackApiException e) when (e.IsAuthFailure)
        {
            fatal.Stop($"Slack refused the bot token ({e.Error}): reinstall the app under OAuth & Permissions and set Slack__BotToken (xoxb-…)");
        }
        catch (Exception e) when (e is SlackApiException or SlackUnavailableException)
        {
            // Not a verdict on the token: Slack may be down; posts retry on their own.
            LogUnchecked(e.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogUnchecked("shutting down");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack bot token accepted (team {Team}, bot user {User})")]
    private partial void LogAuthenticated(string team, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack bot token not checked at start-up ({Problem})")]
    private partial void LogUnchecked(string problem);
}
