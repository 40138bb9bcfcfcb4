using System.Globalization;
using System.Text.Json;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>An option the user filled in; <see cref="Focused"/> marks the one being typed (autocomplete).</summary>
public sealed record InteractionOption(string Name, string? Value, bool Focused);

/// <summary>
/// The parts of an interaction CourseBot reads (receiving-and-responding.mdx). Parsed from the raw JSON
/// once; everything else in the payload is ignored.
/// </summary>
public sealed record DiscordInteraction(
    string Id,
    string Token,
    InteractionKind Kind,
    string? ChannelId,
    string? GuildId,
    string UserId,
    ulong MemberPermissions,
    string? CommandName,
    IReadOnlyList<InteractionOption> Options)
{
    /// <summary>MANAGE_GUILD: the permission <c>/announce</c> is limited to.</summary>
    public const ulong ManageGuild = 1 << 5;

    public bool IsAdmin => (MemberPermissions & ManageGuild) != 0;

    public string? Option(string name) => Options.FirstOrDefault(o => o.Name == name)?.Value;

    public InteractionOption? FocusedOption => Options.FirstOrDefault(o => o.Focused);

    /// <summary>A component interaction's <c>data.custom_id</c>: the button or select clicked.</summary>
    public string? CustomId { get; init; }

    /// <summary>A component interaction's <c>data.component_type</c> (2 button, 3 string select).</summary>
    public int? ComponentType { get; init; }

    /// <summary>A select's chosen option values (<c>data.values</c>).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The name Discord shows for the user: <c>user.global_name</c>, else <c>user.username</c>.</summary>
    public string? UserName { get; init; }

    /// <summary>The user is a bot account (<c>user.bot</c>).</summary>
    public bool UserIsBot { get; init; }

    /// <summary>Reads an interaction, or explains what is missing.</summary>
    public static DiscordInteraction Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var kind = (InteractionKind)Required(root, "type").GetInt32();
        var user = root.TryGetProperty("member", out var member) && member.ValueKind == JsonValueKind.Object
            ? member.GetProperty("user")
            : root.TryGetProperty("user", out var direct) ? direct : default;
        var permissions = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("permissions", out var p) && p.ValueKind == JsonValueKind.String
            ? ulong.Parse(p.GetString()!, CultureInfo.InvariantCulture)
            : 0UL;

        string? name = null;
        string? customId = null;
        int? componentType = null;
        var values = new List<string>();
        var options = new List<InteractionOption>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            name = data.TryGetProperty("name", out var n) ? n.GetString() : null;
            customId = data.TryGetProperty("custom_id", out var c) ? c.GetString() : null;
            componentType = data.TryGetProperty("component_type", out var t) ? t.GetInt32() : null;
            if (data.TryGetProperty("values", out var chosen) && chosen.ValueKind == JsonValueKind.Array)
            {
                values.AddRange(chosen.EnumerateArray().Select(v => v.GetString() ?? throw new JsonException("a select value is null")));
            }

            if (data.TryGetProperty("options", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var option in list.EnumerateArray())
                {
                    options.Add(new InteractionOption(
                        Required(option, "name").GetString()!,
                        option.TryGetProperty("value", out var v) ? ValueText(v) : null,
                        option.TryGetProperty("focused", out var f) && f.ValueKind == JsonValueKind.True));
                }
            }
        }

        return new DiscordInteraction(
            Required(root, "id").GetString()!,
            Required(root, "token").GetString()!,
            kind,
            root.TryGetProperty("channel_id", out var channel) ? channel.GetString() : null,
            root.TryGetProperty("guild_id", out var guild) ? guild.GetString() : null,
            user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "",
            permissions,
            name,
            options)
        {
            CustomId = customId,
            ComponentType = componentType,
            Values = values,
            UserName = user.ValueKind == JsonValueKind.Object ? Text(user, "global_name") ?? Text(user, "username") : null,
            UserIsBot = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.True,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new JsonException($"the interaction has no '{name}'");

    /// <summary>Option values are strings, numbers or booleans; commands read them as text.</summary>
    private static string? ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}

/// <summary>Interaction types (receiving-and-responding.mdx).</summary>
public enum InteractionKind
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    Autocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>Interaction callback types.</summary>
public static class CallbackType
{
    public const int Pong = 1;
    public const int Message = 4;
    public const int DeferredMessage = 5;

    /// <summary>Acknowledges a component click and changes nothing.</summary>
    public const int DeferredUpdate = 6;
    public const int AutocompleteResult = 8;
}

/// <summary>Message flags CourseBot sets.</summary>
public static class MessageFlags
{
    /// <summary>Only the user who asked sees the reply.</summary>
    public const int Ephemeral = 1 << 6;
}
