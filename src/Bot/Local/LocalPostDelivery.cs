using CourseBot.Bot.Delivery;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Local;

/// <summary>
/// Posts to the terminal: every announcement and reminder the bot would send is printed once, on standard
/// output (with no terminal — as in a container — standard output is the log, so posts still show up there).
/// The sender already logs one line per post; logging the text too would print every post twice.
/// </summary>
public sealed class LocalPostDelivery(LocalConsole console) : IPostDelivery<Reply>
{
    public string Platform => PostTargets.LocalPlatform;

    public Task<DeliveryResult> PostAsync(PostKey key, Reply content, CancellationToken ct)
    {
        console.WritePost(key, PlainTextRenderer.Render(content));
        return Task.FromResult(DeliveryResult.Sent($"local-{key.Token}"));
    }

    /// <summary>A terminal cannot change what it printed: the new version is printed again, marked as an edit.</summary>
    public Task<EditResult> EditAsync(PostKey key, string messageId, Reply content, CancellationToken ct)
    {
        console.WritePost(key, $"(edited: replaces the post above)\n{PlainTextRenderer.Render(content)}");
        return Task.FromResult<EditResult>(new EditResult.Edited());
    }

    /// <summary>The terminal keeps no history to look in.</summary>
    public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct) => Task.FromResult<string?>(null);
}
