using System.Globalization;
using System.Text.Json.Nodes;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Tests.Discord.Fakes;

namespace CourseBot.Bot.Tests.Leads.EndToEnd;

/// <summary>
/// One Discord member's interactions, shaped like Discord's (receiving-and-responding.mdx, message-components.mdx):
/// clicking a button, choosing in a select menu, a slash command and its autocomplete, all from the course channel.
/// </summary>
internal sealed class DiscordStudent(string userId, string name)
{
    private static long _next = 1_410_000_000_000_000_000;

    public string UserId { get; } = userId;

    public string Name { get; } = name;

    /// <summary>A click on a button whose <c>custom_id</c> is <paramref name="customId"/>, on the message <paramref name="messageId"/>.</summary>
    public string Click(string customId, string messageId) =>
        Interaction(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = DiscordComponents.Button }, messageId);

    /// <summary>A choice of <paramref name="value"/> in the select <paramref name="customId"/> of an ephemeral answer.</summary>
    public string Choose(string customId, string value) =>
        Interaction(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = DiscordComponents.StringSelect, ["values"] = new JsonArray(value) }, "1310000000000000001", ephemeral: true);

    /// <summary>A slash command with options, e.g. <c>/lead drop:true</c>.</summary>
    public string Command(string name, params (string Name, object Value)[] options) =>
        Interaction(2, new JsonObject { ["id"] = "1500000000000000001", ["name"] = name, ["type"] = 1, ["options"] = Options(options, focused: null) });

    /// <summary>The autocomplete of <paramref name="option"/> while <paramref name="typed"/> is typed into it.</summary>
    public string Autocomplete(string command, string option, string typed) =>
        Interaction(4, new JsonObject { ["id"] = "1500000000000000001", ["name"] = command, ["type"] = 1, ["options"] = Options([(option, typed)], focused: option) });

    private static JsonArray Options((string Name, object Value)[] options, string? focused)
    {
        var list = new JsonArray();
        foreach (var (option, value) in options)
        {
            var node = new JsonObject { ["name"] = option, ["type"] = value is bool ? 5 : 3, ["value"] = JsonValue.Create(value) };
            if (option == focused)
            {
                node["focused"] = true;
            }

            list.Add(node);
        }

        return list;
    }

    private string Interaction(int type, JsonObject data, string? messageId = null, bool ephemeral = false)
    {
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var interaction = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = FakeDiscordApi.ApplicationId,
            ["type"] = type,
            ["token"] = "token-" + id,
            ["version"] = 1,
            ["guild_id"] = InteractionJson.Guild,
            ["channel_id"] = LeadsBotCourse.DiscordChannel,
            ["locale"] = "en-US",
            ["data"] = data,
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = UserId, ["username"] = Name.ToLowerInvariant().Replace(' ', '.'), ["global_name"] = Name },
                ["permissions"] = "0",
            },
        };
        if (messageId is not null)
        {
            interaction["message"] = new JsonObject
            {
                ["id"] = messageId, ["channel_id"] = LeadsBotCourse.DiscordChannel, ["content"] = "", ["components"] = new JsonArray(),
                ["flags"] = ephemeral ? 64 : 0,
            };
        }

        return interaction.ToJsonString();
    }
}
