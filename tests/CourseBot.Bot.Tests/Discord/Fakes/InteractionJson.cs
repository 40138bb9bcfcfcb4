using System.Text.Json.Nodes;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>Interaction payloads shaped like Discord's (receiving-and-responding.mdx), for the tests to send.</summary>
public static class InteractionJson
{
    public const string Guild = "1000000000000000001";
    public const string Channel = "1000000000000000002";
    public const string ManageGuild = "32";

    private static long _next = 1_400_000_000_000_000_000;

    public static string Ping() => new JsonObject { ["id"] = NextId(), ["application_id"] = FakeDiscordApi.ApplicationId, ["type"] = 1, ["token"] = "ping-token", ["version"] = 1 }.ToJsonString();

    public static string Command(string name, params (string Name, object Value)[] options) => Build(2, name, "0", options, focused: null);

    public static string AdminCommand(string name, params (string Name, object Value)[] options) => Build(2, name, ManageGuild, options, focused: null);

    public static string Autocomplete(string name, string focused, string typed) => Build(4, name, "0", [(focused, typed)], focused);

    /// <summary>
    /// A click on a message component (type 3): a button (component type 2) sends its <c>custom_id</c>, a
    /// string select (3) its own <c>custom_id</c> and the chosen option <c>values</c>.
    /// </summary>
    public static string Component(string customId, int componentType = 2, string[]? values = null, bool bot = false)
    {
        var id = NextId();
        var data = new JsonObject { ["custom_id"] = customId, ["component_type"] = componentType };
        if (values is not null)
        {
            data["values"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
        }

        var user = new JsonObject { ["id"] = "1600000000000000001", ["username"] = bot ? "otherbot" : "student" };
        if (bot)
        {
            user["bot"] = true;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["application_id"] = FakeDiscordApi.ApplicationId,
            ["type"] = 3,
            ["token"] = "token-" + id,
            ["version"] = 1,
            ["guild_id"] = Guild,
            ["channel_id"] = Channel,
            ["locale"] = "en-US",
            ["data"] = data,
            ["message"] = new JsonObject { ["id"] = "1300000000000000001", ["channel_id"] = Channel, ["content"] = "", ["components"] = new JsonArray() },
            ["member"] = new JsonObject { ["user"] = user, ["permissions"] = "0" },
        }.ToJsonString();
    }

    private static string Build(int type, string name, string permissions, (string Name, object Value)[] options, string? focused)
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

        var id = NextId();
        return new JsonObject
        {
            ["id"] = id,
            ["application_id"] = FakeDiscordApi.ApplicationId,
            ["type"] = type,
            ["token"] = "token-" + id,
            ["version"] = 1,
            ["guild_id"] = Guild,
            ["channel_id"] = Channel,
            ["locale"] = "en-US",
            ["data"] = new JsonObject { ["id"] = "1500000000000000001", ["name"] = name, ["type"] = 1, ["options"] = list },
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = "1600000000000000001", ["username"] = "student" },
                ["permissions"] = permissions,
            },
        }.ToJsonString();
    }

    private static string NextId() => Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
