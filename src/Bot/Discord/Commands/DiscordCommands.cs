using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Core.Commands;

namespace CourseBot.Bot.Discord.Commands;

/// <summary>
/// The slash commands CourseBot registers, and how an invocation becomes a Core <see cref="CourseCommand"/>.
/// Option names match the Core grammar's ("week", "query", "words", "preview").
/// </summary>
public static partial class DiscordCommands
{
    /// <summary>MANAGE_GUILD (1 &lt;&lt; 5): only members who can manage the server see <c>/announce</c>. The spec types it as an integer.</summary>
    public const long AdminPermissions = 1 << 5;

    public const int MaxDescription = 100;
    public const int MaxOptions = 25;

    private const int StringOption = 3;
    private const int BooleanOption = 5;
    private const int UserOption = 6;

    /// <summary>The sign-up command: its <c>paper</c> option autocompletes to papers with a free slot.</summary>
    public const string Lead = "lead";
    private const int GuildContext = 0;
    private const int BotDmContext = 1;

    private static readonly CommandOptionBody Week = new(StringOption, "week", "A week number, 'next', 'last', or part of a topic", Autocomplete: true, MaxLength: 100);

    public static IReadOnlyList<CommandBody> Definitions { get; } =
    [
        Student("reading", "A week's topic, dates and papers (this week if you leave week empty)", Week),
        Student("required", "Only the required papers of a week", Week),
        Student("paper", "One paper in detail: title, authors, venue, link and when it is read",
            new CommandOptionBody(StringOption, "query", "Part of the title, a key or an author", Required: true, Autocomplete: true, MaxLength: 100)),
        Student("search", "Papers matching some words, best first",
            new CommandOptionBody(StringOption, "words", "Words from titles, authors or venues", Required: true, MaxLength: 100)),
        Student("schedule", "The whole term: every week's topic and dates"),
        Student("help", "What CourseBot can do"),
        Student("calendar", "Subscribe to the course calendar (and your own, with your discussion leads)",
            new CommandOptionBody(BooleanOption, "new", "Make a new address for your own calendar (the old one stops working)")),
        // Sign-ups: flat options (no subcommands), so every invocation reads like the typed "/lead drop x" grammar.
        Student(Lead, "Sign up to lead a paper's discussion, or withdraw (drop)",
            new CommandOptionBody(StringOption, "paper", "The paper to lead: pick one with a free slot", Autocomplete: true, MaxLength: 100),
            new CommandOptionBody(BooleanOption, "drop", "Withdraw from the paper (or from your only sign-up)")),
        Student("leads", "Who leads which paper: a week's roster, or the term's; staff: assign, remove, close, open",
            Week,
            new CommandOptionBody(StringOption, "action", "Your own sign-ups; staff: what to change", Choices:
            [
                new CommandChoiceBody("assign a lead", "assign"),
                new CommandChoiceBody("remove a lead", "remove"),
                new CommandChoiceBody("close the week's sign-ups", "close"),
                new CommandChoiceBody("reopen the week's sign-ups", "open"),
                new CommandChoiceBody("my sign-ups (anyone)", "mine"),
            ]),
            new CommandOptionBody(StringOption, "paper", "Staff: the paper to assign or remove a lead for", Autocomplete: true, MaxLength: 100),
            new CommandOptionBody(UserOption, "user", "Staff: the student to assign or remove")),
        new CommandBody("announce", "Post a week's announcement to the course channels now (server managers only)",
            [Week, new CommandOptionBody(BooleanOption, "preview", "Only show the announcement to you, post nothing")],
            AdminPermissions, [GuildContext]),
    ];

    /// <summary>The JSON sent to the bulk-overwrite endpoint.</summary>
    public static byte[] Json { get; } = DiscordRestClient.Json(Definitions, DiscordJson.Default.IReadOnlyListCommandBody);

    /// <summary>SHA-256 of <see cref="Json"/>: registration is skipped while it is unchanged.</summary>
    public static string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(Json));

    /// <summary>The interaction as a Core command; unknown names stay <see cref="CourseCommand.Unknown"/>.</summary>
    public static CourseCommand ToCommand(DiscordInteraction interaction) => interaction.CommandName switch
    {
        "reading" => new CourseCommand.Reading(CommandParser.ParseWeek(interaction.Option("week"))),
        "required" => new CourseCommand.Required(CommandParser.ParseWeek(interaction.Option("week"))),
        "paper" => new CourseCommand.Paper(interaction.Option("query") ?? ""),
        "search" => new CourseCommand.Search(interaction.Option("words") ?? ""),
        "schedule" => new CourseCommand.Schedule(),
        "help" => new CourseCommand.Help(),
        "calendar" => new CourseCommand.Calendar(NewAddress: interaction.Option("new") == "true"),
        "announce" => new CourseCommand.Announce(CommandParser.ParseWeek(interaction.Option("week")), interaction.Option("preview") == "true"),
        Lead => interaction.Option("drop") == "true"
            ? new CourseCommand.Lead(interaction.Option("paper") is { Length: > 0 } dropped ? dropped : null, Drop: true)
            : new CourseCommand.Lead(interaction.Option("paper") is { Length: > 0 } paper ? paper : null, Drop: false),
        "leads" => LeadsCommand(interaction),
        var name => new CourseCommand.Unknown(name ?? ""),
    };

    /// <summary>
    /// "/leads" with its options as the typed grammar would have it: an action with its paper and user (the user
    /// option's id as a mention) or its week; no action, the roster.
    /// </summary>
    private static CourseCommand LeadsCommand(DiscordInteraction interaction)
    {
        var week = interaction.Option("week");
        var user = interaction.Option("user") is { Length: > 0 } id ? $"<@{id}>" : "";
        var action = interaction.Option("action");
        var line = action switch
        {
            "assign" or "remove" => $"/leads {action} {interaction.Option("paper")} {user}",
            "close" or "open" => $"/leads {action} {week}",
            "mine" => "/leads mine",
            _ => $"/leads {week}",
        };
        return CommandParser.Parse(line.Trim());
    }

    /// <summary>Every rule Discord checks (application-commands.mdx); a failure here would be a silent 400 at start-up.</summary>
    public static IEnumerable<string> Problems(IEnumerable<CommandBody> commands)
    {
        foreach (var command in commands)
        {
            foreach (var problem in NameProblems(command.Name).Concat(DescriptionProblems(command.Name, command.Description)))
            {
                yield return problem;
            }

            var options = command.Options ?? [];
            if (options.Count > MaxOptions)
            {
                yield return $"/{command.Name}: {options.Count} options (at most {MaxOptions})";
            }

            var optionalSeen = false;
            foreach (var option in options)
            {
                var where = $"/{command.Name} {option.Name}";
                foreach (var problem in NameProblems(option.Name).Concat(DescriptionProblems(where, option.Description)))
                {
                    yield return $"{where}: {problem}";
                }

                if (option.Required == true && optionalSeen)
                {
                    yield return $"{where}: required options must come before optional ones";
                }

                optionalSeen |= option.Required != true;
            }
        }
    }

    private static IEnumerable<string> NameProblems(string name)
    {
        if (!CommandName().IsMatch(name))
        {
            yield return $"'{name}' is not a valid name (1–32 letters, digits, - _ ')";
        }

        if (name != name.ToLowerInvariant())
        {
            yield return $"'{name}' must be lowercase";
        }
    }

    private static IEnumerable<string> DescriptionProblems(string where, string description)
    {
        if (description.Length is 0 or > MaxDescription)
        {
            yield return $"{where}: the description has {description.Length} characters (1–{MaxDescription})";
        }
    }

    private static CommandBody Student(string name, string description, params CommandOptionBody[] options) =>
        new(name, description, options.Length == 0 ? null : options, Contexts: [GuildContext, BotDmContext]);

    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex CommandName();
}
