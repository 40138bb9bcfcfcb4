using System.Text;
using System.Text.Json;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Replies;

/// <summary>Buttons and menus in the console's text and in the JSON of <c>ask</c>/<c>preview</c>.</summary>
public sealed class ReplyActionsTests
{
    private static readonly Reply Reply = new(
        "Week 2 · Sign-ups",
        [
            new ReplyBlock.Paragraph(new Span.Text("Sign-ups are open")),
            new ReplyBlock.Actions(
                new ReplyAction.Button("Lead a paper", "/lead-menu 2025-09-08"),
                new ReplyAction.Select("Choose a paper", [new ReplyOption("HybridFlow", "Tue Sep 9", "/lead hybridflow"), new ReplyOption("AReaL", null, "/lead areal")])),
        ],
        TimeZoneInfo.Utc);

    [Fact]
    public void Plain_text_shows_each_button_and_numbered_option_with_the_command_it_runs()
    {
        var text = PlainTextRenderer.Render(Reply);

        Assert.Equal(
            """
            Week 2 · Sign-ups
            Sign-ups are open

            [Lead a paper] → /lead-menu 2025-09-08
            Choose a paper:
              1. HybridFlow · Tue Sep 9 → /lead hybridflow
              2. AReaL → /lead areal

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Json_lists_the_buttons_and_options_with_their_commands()
    {
        using var output = new MemoryStream();
        ReplyJson.Write(Reply, output);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(output.ToArray()));

        var block = json.RootElement.GetProperty("blocks")[1];
        Assert.Equal("actions", block.GetProperty("type").GetString());
        var actions = block.GetProperty("actions");
        Assert.Equal("button", actions[0].GetProperty("type").GetString());
        Assert.Equal("Lead a paper", actions[0].GetProperty("label").GetString());
        Assert.Equal("/lead-menu 2025-09-08", actions[0].GetProperty("command").GetString());
        Assert.Equal("select", actions[1].GetProperty("type").GetString());
        Assert.Equal("Choose a paper", actions[1].GetProperty("placeholder").GetString());
        var options = actions[1].GetProperty("options");
        Assert.Equal("HybridFlow", options[0].GetProperty("label").GetString());
        Assert.Equal("Tue Sep 9", options[0].GetProperty("description").GetString());
        Assert.Equal("/lead hybridflow", options[0].GetProperty("command").GetString());
        Assert.Equal(JsonValueKind.Null, options[1].GetProperty("description").ValueKind);
        Assert.Equal("/lead areal", options[1].GetProperty("command").GetString());
    }
}
