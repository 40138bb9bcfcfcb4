using System.Text.RegularExpressions;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Commands;

/// <summary>Help names the commands the asking platform actually has.</summary>
public sealed class HelpReplyTests
{
    private readonly CourseSnapshot _course = SampleCourse.Snapshot();

    [Fact]
    public void Slack_help_names_the_commands_reached_through_coursebot()
    {
        var help = PlainTextRenderer.Render(HelpReply.Create(_course, names: CommandNames.Slack));

        foreach (var command in new[] { "/reading", "/required", "/paper", "/schedule", "/coursebot search", "/coursebot help", "/coursebot announce", "/coursebot reload" })
        {
            Assert.Contains(command, help);
        }

        // No bare /search, /help, /announce or /reload: Slack has no such slash commands.
        Assert.DoesNotMatch(new Regex(@"(?<!coursebot )/(search|help|announce|reload)\b"), help);
    }

    [Fact]
    public void Discord_and_console_help_keep_their_own_slash_commands()
    {
        var help = PlainTextRenderer.Render(HelpReply.Create(_course));

        foreach (var command in new[] { "/search", "/help", "/announce", "/reload" })
        {
            Assert.Contains(command, help);
        }

        Assert.DoesNotContain("/coursebot", help);
        Assert.Equal(help, PlainTextRenderer.Render(HelpReply.Create(_course, names: CommandNames.For("discord"))));
    }

    [Fact]
    public void An_unknown_command_on_slack_is_answered_with_slack_help()
    {
        var help = PlainTextRenderer.Render(CommandDispatcher.Answer(new CourseCommand.Unknown("frobnicate"), _course, SampleCourse.At(2025, 9, 10), CommandNames.Slack));

        Assert.Contains("frobnicate", help);
        Assert.Contains("/coursebot search", help);
    }
}
