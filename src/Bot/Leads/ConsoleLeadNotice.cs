using CourseBot.Bot.Delivery;
using CourseBot.Bot.Local;
using CourseBot.Core.Calendar;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>The console's students (the CLI and the local chat): told on the terminal, which always takes it.</summary>
public sealed class ConsoleLeadNotice(LocalConsole console) : ILeadNotice
{
    public string Platform => LeadDeskSetup.ConsolePlatform;

    public Task<DeliveryResult> PostAsync(PostKey key, PrivateNotice content, CancellationToken ct)
    {
        console.Write($"(to {content.To.DisplayName})\n{PlainTextRenderer.Render(content.Reply)}\n");
        return Task.FromResult(DeliveryResult.Sent($"console-{key.Token}"));
    }

    /// <summary>The terminal keeps no history to look in.</summary>
    public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct) => Task.FromResult<string?>(null);

    public IReadOnlyList<string> Channels(CourseChannels channels) => [];
}
