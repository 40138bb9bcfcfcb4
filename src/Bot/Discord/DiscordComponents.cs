using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Rendering;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord;

/// <summary>
/// A reply's buttons and menus as Discord message components. A button's <c>custom_id</c> and a select
/// option's <c>value</c> carry the command text (<see cref="ActionCommand"/>); a select's own
/// <c>custom_id</c> only names it (<see cref="SelectPrefix"/>), the chosen option's value is what runs.
/// Buttons share rows of up to five; a select fills a row, and one of more than 25 options becomes
/// several ("… (2/3)"). Every id is unique within its message, as Discord requires.
/// </summary>
public static class DiscordComponents
{
    public const int ActionRow = 1;
    public const int Button = 2;
    public const int StringSelect = 3;

    /// <summary>Button style PRIMARY.</summary>
    public const int Primary = 1;

    /// <summary>A select's <c>custom_id</c>: "select.0", "select.1", … (never command text, so never mistaken for it).</summary>
    public const string SelectPrefix = "select.";

    /// <summary>
    /// The action rows for <paramref name="actions"/>, in order. A button whose command cannot be carried
    /// even in the compact form is shown disabled, and such a menu option is left out: CourseBot's own
    /// commands are far shorter than that.
    /// </summary>
    public static IReadOnlyList<ComponentBody> Rows(IEnumerable<ReplyAction> actions)
    {
        var rows = new List<ComponentBody>();
        var buttons = new List<ComponentBody>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var selects = 0;

        void EndButtons()
        {
            if (buttons.Count > 0)
            {
                rows.Add(new ComponentBody(ActionRow, [.. buttons]));
                buttons.Clear();
            }
        }

        foreach (var action in actions)
        {
            switch (action)
            {
                case ReplyAction.Button button:
                    if (buttons.Count == DiscordLimits.ButtonsPerRow)
                    {
                        EndButtons();
                    }

                    var id = Unique(button.Command, DiscordLimits.CustomId, ids);
                    buttons.Add(id is null
                        ? new ComponentBody(Button, CustomId: Unused(ids), Style: Primary, Label: Label(button.Label, DiscordLimits.ButtonLabel), Disabled: true)
                        : new ComponentBody(Button, CustomId: id, Style: Primary, Label: Label(button.Label, DiscordLimits.ButtonLabel)));
                    break;
                case ReplyAction.Select select:
                    EndButtons();
                    var parts = select.Options.Chunk(DiscordLimits.SelectOptions).ToArray();
                    for (var i = 0; i < parts.Length; i++)
                    {
                        var values = new HashSet<string>(StringComparer.Ordinal);
                        var options = parts[i]
                            .Select(o => (Option: o, Value: Unique(o.Command, DiscordLimits.OptionValue, values)))
                            .Where(o => o.Value is not null)
                            .Select(o => new SelectOptionBody(
                                Label(o.Option.Label, DiscordLimits.OptionLabel),
                                o.Value!,
                                o.Option.Description is { Length: > 0 } d ? ReplyLines.Clip(d, DiscordLimits.OptionDescription) : null))
                            .ToArray();
                        if (options.Length == 0)
                        {
                            continue;
                        }

                        var placeholder = parts.Length == 1 ? select.Placeholder : $"{select.Placeholder} ({i + 1}/{parts.Length})";
                        rows.Add(new ComponentBody(ActionRow, [new ComponentBody(
                            StringSelect,
                            CustomId: SelectPrefix + selects++,
                            Placeholder: ReplyLines.Clip(placeholder, DiscordLimits.SelectPlaceholder),
                            Options: options)]));
                    }

                    break;
            }
        }

        EndButtons();
        return rows;
    }

    /// <summary>The id for a command, numbered when the same command already has one here; null when it cannot fit.</summary>
    private static string? Unique(string command, int max, HashSet<string> taken)
    {
        for (var number = 0; ; number++)
        {
            var id = ActionCommand.Encode(command, max, number);
            if (id is null || taken.Add(id))
            {
                return id;
            }
        }
    }

    /// <summary>An id for a disabled button: Discord wants one, and a click cannot send it.</summary>
    private static string Unused(HashSet<string> taken)
    {
        var number = 0;
        while (!taken.Add($"disabled.{number}"))
        {
            number++;
        }

        return $"disabled.{number}";
    }

    /// <summary>Labels are 1 to <paramref name="max"/> characters.</summary>
    private static string Label(string label, int max) => ReplyLines.Clip(label.Length == 0 ? "…" : label, max);
}
