using System.Text.Json.Serialization;

namespace CourseBot.Bot.Slack.Wire;

// Block Kit as CourseBot uses it, named as Slack documents it (api.slack.com/reference/block-kit; the
// shape of SlackNet's Blocks/ folder). Only the blocks and fields CourseBot sends are modelled; nulls are
// left out when written (SlackJson), so each block carries only what CourseBot means.

/// <summary>A <c>plain_text</c> text object: headers and button labels.</summary>
public sealed record PlainText(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("emoji")] bool? Emoji = null)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "plain_text";
}

/// <summary>A <c>mrkdwn</c> text object: section text, already escaped (<see cref="SlackMrkdwn"/>).</summary>
public sealed record MrkdwnText([property: JsonPropertyName("text")] string Text)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "mrkdwn";
}

/// <summary>A layout block; <c>type</c> is written from the derived record.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
public abstract record Block;

/// <summary>Large bold text; plain text only, at most <see cref="SlackLimits.HeaderText"/> characters.</summary>
public sealed record HeaderBlock([property: JsonPropertyName("text")] PlainText Text) : Block;

/// <summary>Text of at most <see cref="SlackLimits.SectionText"/> characters.</summary>
public sealed record SectionBlock([property: JsonPropertyName("text")] MrkdwnText Text) : Block;

public sealed record DividerBlock : Block
{
    public static DividerBlock Instance { get; } = new();
}

/// <summary>Interactive elements: the share button, a reply's buttons and menus.</summary>
public sealed record ActionsBlock([property: JsonPropertyName("elements")] IReadOnlyList<BlockElement> Elements) : Block;

/// <summary>An interactive element inside an <see cref="ActionsBlock"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ButtonElement), "button")]
[JsonDerivedType(typeof(StaticSelectElement), "static_select")]
public abstract record BlockElement;

/// <summary>A button; its click comes back as a <c>block_actions</c> payload with <c>action_id</c> and <c>value</c>.</summary>
public sealed record ButtonElement(
    [property: JsonPropertyName("action_id")] string ActionId,
    [property: JsonPropertyName("text")] PlainText Text,
    [property: JsonPropertyName("value")] string? Value = null) : BlockElement;

/// <summary>A menu of fixed options; a choice comes back as <c>block_actions</c> with <c>selected_option.value</c>.</summary>
public sealed record StaticSelectElement(
    [property: JsonPropertyName("action_id")] string ActionId,
    [property: JsonPropertyName("placeholder")] PlainText Placeholder,
    [property: JsonPropertyName("options")] IReadOnlyList<OptionObject> Options) : BlockElement;

/// <summary>An option of a select menu (a composition object: it has no <c>type</c>).</summary>
public sealed record OptionObject(
    [property: JsonPropertyName("text")] PlainText Text,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("description")] PlainText? Description = null);

/// <summary>The App Home tab's view (<c>views.publish</c>), at most <see cref="SlackLimits.BlocksPerView"/> blocks.</summary>
public sealed record HomeView([property: JsonPropertyName("blocks")] IReadOnlyList<Block> Blocks)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "home";
}
