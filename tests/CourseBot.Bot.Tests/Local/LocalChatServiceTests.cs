using CourseBot.Bot.Local;
using CourseBot.Bot.Tests.Conversation;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;

namespace CourseBot.Bot.Tests.Local;

/// <summary>The console chat driven through a reader and a writer instead of a terminal.</summary>
public sealed class LocalChatServiceTests
{
    private static readonly Reply Answer = new("Week 3", [new ReplyBlock.Paragraph(new Span.Text("Orca and vLLM."))], TimeZoneInfo.Utc);

    [Fact]
    public async Task With_standard_input_closed_no_banner_asks_anyone_to_type()
    {
        var output = new StringWriter();

        await ChatUntilInputEndsAsync(new LocalConsole(new StringReader(""), output));

        Assert.DoesNotContain("Type a command", output.ToString());
        Assert.DoesNotContain(">", output.ToString());
    }

    [Fact]
    public async Task Piped_commands_are_greeted_and_answered()
    {
        var output = new StringWriter();

        await ChatUntilInputEndsAsync(new LocalConsole(new StringReader("/reading week3\n"), output));

        Assert.StartsWith("CourseBot is running. Type a command", output.ToString());
        Assert.Contains("Orca and vLLM.", output.ToString());
    }

    private static async Task ChatUntilInputEndsAsync(LocalConsole console)
    {
        using var chat = new LocalChatService(console, new HeldConversation(Task.FromResult(Answer)), NullLogger<LocalChatService>.Instance);
        await chat.StartAsync(CancellationToken.None);
        await chat.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
