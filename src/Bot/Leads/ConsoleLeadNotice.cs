using CourseBot.Bot.Local;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>The console's students (the CLI and the local chat): told on the terminal.</summary>
public sealed class ConsoleLeadNotice(LocalConsole console) : ILeadNotice
{
    public string Platform => LeadDeskSetup.ConsolePlatform;

    public Task<bool> DirectAsync(LeadStudent student, Reply reply, CancellationToken ct)
    {
        console.Write($"(to {student.DisplayName})\n{PlainTextRenderer.Render(reply)}\n");
        return Task.FromResult(true);
    }

    public Task MentionAsync(string channel, LeadStudent student, Reply reply, CancellationToken ct) => DirectAsync(student, reply, ct);

    public IReadOnlyList<string> Channels(CourseChannels channels) => [];
}
