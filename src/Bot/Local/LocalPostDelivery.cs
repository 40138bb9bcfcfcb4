using CourseBot.Bot.Scheduling;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Local;

/// <summary>
/// Posts to the terminal: every announcement and reminder the bot would send is printed (and logged, so
/// with no terminal — as in a container — posts still show up in the log).
/// </summary>
public sealed partial class LocalPostDelivery(LocalConsole console, ILogger<LocalPostDelivery> logger) : IPostDelivery<Reply>
{
    public string Platform => PostTargets.LocalPlatform;

    public Task<DeliveryResult> PostAsync(PostKey key, Reply content, CancellationToken ct)
    {
        var text = PlainTextRenderer.Render(content);
        LogPost(key.ToString(), text);
        console.WritePost(key, text);
        return Task.FromResult(DeliveryResult.Sent($"local-{key.Token}"));
    }

    /// <summary>The terminal keeps no history to look in.</summary>
    public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct) => Task.FromResult<string?>(null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {Key}:\n{Text}")]
    private partial void LogPost(string key, string text);
}
