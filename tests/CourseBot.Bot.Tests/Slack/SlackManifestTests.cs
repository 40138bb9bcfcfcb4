using CourseBot.Core.Commands;
using YamlDotNet.RepresentationModel;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>The app manifest in deploy/ creates an app the bot can serve: its commands, events and scopes.</summary>
public sealed class SlackManifestTests
{
    private static readonly YamlMappingNode Manifest = Load();

    [Fact]
    public void Every_slash_command_in_the_manifest_is_one_the_bot_answers()
    {
        var commands = Sequence("features", "slash_commands").Select(c => ((YamlScalarNode)((YamlMappingNode)c)["command"]).Value!).ToArray();

        Assert.Equal(["/reading", "/required", "/paper", "/schedule", "/lead", "/leads", "/calendar", "/coursebot"], commands);
        Assert.All(commands, c => Assert.IsNotType<CourseCommand.Unknown>(CommandParser.Parse(c)));
        Assert.IsType<CourseCommand.Announce>(CommandParser.Parse("/coursebot announce week3"));
        Assert.IsType<CourseCommand.Search>(CommandParser.Parse("/coursebot search attention"));
        Assert.IsType<CourseCommand.Calendar>(CommandParser.Parse("/calendar"));
    }

    [Fact]
    public void The_manifest_asks_for_what_the_bot_uses_and_no_more()
    {
        var scopes = Sequence("oauth_config", "scopes", "bot").Select(s => ((YamlScalarNode)s).Value!).ToArray();

        Assert.Equal(["commands", "chat:write", "app_mentions:read", "im:history", "channels:history", "groups:history", "pins:write"], scopes);
        Assert.Equal(["app_home_opened", "app_mention", "message.im"], Sequence("settings", "event_subscriptions", "bot_events").Select(s => ((YamlScalarNode)s).Value!));
        Assert.Equal("true", Scalar("features", "app_home", "home_tab_enabled"));
        Assert.Equal("true", Scalar("settings", "interactivity", "is_enabled"));
        Assert.Equal("true", Scalar("features", "app_home", "messages_tab_enabled"));
        Assert.Equal("false", Scalar("features", "app_home", "messages_tab_read_only_enabled"));
        Assert.Equal("true", Scalar("settings", "socket_mode_enabled"));
    }

    [Fact]
    public void The_coursebot_usage_hint_every_student_sees_offers_no_admin_sub_command()
    {
        var coursebot = Sequence("features", "slash_commands").Cast<YamlMappingNode>().Single(c => ((YamlScalarNode)c["command"]).Value == "/coursebot");
        var hint = ((YamlScalarNode)coursebot["usage_hint"]).Value!;
        var subCommands = hint.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(alternative => alternative.Split(' ')[0]).ToArray();

        Assert.NotEmpty(subCommands);
        Assert.All(subCommands, word =>
        {
            var command = CommandParser.Parse($"/coursebot {word} week3");
            Assert.IsNotType<CourseCommand.Unknown>(command);
            Assert.False(command is CourseCommand.Announce or CourseCommand.Reload, $"'{word}' in the usage hint is an admin sub-command");
        });
        Assert.DoesNotContain("admin", ((YamlScalarNode)coursebot["description"]).Value!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_app_home_settings_do_not_contradict_each_other()
    {
        var home = (YamlMappingNode)Node(["features", "app_home"]);
        var messagesTab = ((YamlScalarNode)home["messages_tab_enabled"]).Value;
        var readOnly = home.Children.TryGetValue(new YamlScalarNode("messages_tab_read_only_enabled"), out var node) ? ((YamlScalarNode)node).Value : null;

        // A read-only Messages tab needs a Messages tab.
        Assert.False(messagesTab == "false" && readOnly == "true", "messages_tab_read_only_enabled: true with the Messages tab disabled");
    }

    [Fact]
    public void Uncommenting_the_url_lines_the_header_counts_gives_every_http_entry_point_a_url()
    {
        var text = File.ReadAllText(ManifestPath());
        var commented = System.Text.RegularExpressions.Regex.Matches(text, @"^(\s*)# ((?:url|request_url): .*)$", System.Text.RegularExpressions.RegexOptions.Multiline);
        var http = Parse(System.Text.RegularExpressions.Regex.Replace(text, @"^(\s*)# ((?:url|request_url): .*)$", "$1$2", System.Text.RegularExpressions.RegexOptions.Multiline));

        var commands = ((YamlSequenceNode)((YamlMappingNode)http["features"])["slash_commands"]).Cast<YamlMappingNode>().ToArray();
        Assert.All(commands, c => Assert.EndsWith("/slack/commands", ((YamlScalarNode)c["url"]).Value));
        var settings = (YamlMappingNode)http["settings"];
        Assert.EndsWith("/slack/events", ((YamlScalarNode)((YamlMappingNode)settings["event_subscriptions"])["request_url"]).Value);
        Assert.EndsWith("/slack/interactivity", ((YamlScalarNode)((YamlMappingNode)settings["interactivity"])["request_url"]).Value);
        Assert.Equal(commands.Length + 2, commented.Count);
        Assert.Contains("all ten url / request_url lines", text);
        Assert.Equal(10, commented.Count);
    }

    private static IEnumerable<YamlNode> Sequence(params string[] path) => (YamlSequenceNode)Node(path);

    private static string? Scalar(params string[] path) => ((YamlScalarNode)Node(path)).Value;

    private static YamlNode Node(string[] path) => path.Aggregate((YamlNode)Manifest, (node, key) => ((YamlMappingNode)node)[key]);

    private static YamlMappingNode Load() => Parse(File.ReadAllText(ManifestPath()));

    private static YamlMappingNode Parse(string text)
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(text);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string ManifestPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "deploy", "slack-manifest.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("deploy/slack-manifest.yaml not found above the test folder");
    }
}
