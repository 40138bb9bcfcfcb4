namespace CourseBot.Core.Commands;

/// <summary>
/// How a platform spells each command in help text. Discord and the console have a slash command per
/// command; Slack registers only some, and reaches the rest through <c>/coursebot</c>.
/// </summary>
public sealed record CommandNames(string Reading, string Required, string Paper, string Search, string Schedule, string Help, string Announce, string Reload)
{
    public static CommandNames Default { get; } = new("/reading", "/required", "/paper", "/search", "/schedule", "/help", "/announce", "/reload");

    /// <summary>The slash commands in deploy/slack-manifest.yaml.</summary>
    public static CommandNames Slack { get; } = new("/reading", "/required", "/paper", "/coursebot search", "/schedule", "/coursebot help", "/coursebot announce", "/coursebot reload")
    {
        Lead = "/coursebot lead",
        Leads = "/coursebot leads",
    };

    /// <summary>Signing up to lead a paper (courses with a <c>leads:</c> section).</summary>
    public string Lead { get; init; } = "/lead";

    /// <summary>The roster of discussion leads.</summary>
    public string Leads { get; init; } = "/leads";

    /// <summary>The calendar links (a slash command of its own on every platform).</summary>
    public string Calendar { get; init; } = "/calendar";

    public static CommandNames For(string platform) => platform == "slack" ? Slack : Default;
}
