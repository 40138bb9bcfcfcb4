using System.Text.RegularExpressions;
using CourseBot.Bot.Tests.Running;

namespace CourseBot.Bot.Tests.Leads.EndToEnd;

/// <summary>
/// The sample course file as a running bot reads it, with its <c>leads:</c> section made easy to follow end to
/// end: one lead per paper (a second student is waitlisted), sign-ups open on Monday of week 3 at 08:00 and close
/// an hour before each class (so all of week 3 is open that Monday), and one roster message for the term in the
/// course channels (<see cref="DiscordChannel"/>, <see cref="SlackChannel"/>).
/// </summary>
internal static partial class LeadsBotCourse
{
    /// <summary>The channel the interactions come from (<see cref="Discord.Fakes.InteractionJson.Channel"/>): the course's.</summary>
    public const string DiscordChannel = Discord.Fakes.InteractionJson.Channel;

    public const string SlackChannel = "C0COURSE";

    public const string CourseId = "cs395t";

    /// <summary>Monday of week 3, 10:00 in Chicago: the week's announcement (09:00) and the roster (08:00) are due, all its classes ahead.</summary>
    public static readonly DateTimeOffset MondayOfWeek3 = new(2025, 9, 8, 15, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Week3 = new(2025, 9, 8);

    /// <summary>Copies the sample configuration into <paramref name="parent"/>/config with the leads section above; returns the folder.</summary>
    public static string Create(string parent) => CourseCopy.Create(parent, text =>
    {
        var edited = DiscordChannels().Replace(text, $"discord: [\"{DiscordChannel}\"]");
        edited = SlackChannels().Replace(edited, $"slack: [\"{SlackChannel}\"]");
        edited = PerPaper().Replace(edited, "perPaper: 1");
        edited = Closes().Replace(edited, "closes: \"1h\"");
        Assert.NotEqual(text, edited);
        return edited.TrimEnd() + "\n  opens: \"2025-09-08 08:00\"\n  roster: term\n";
    });

    [GeneratedRegex(@"discord: \[\]")]
    private static partial Regex DiscordChannels();

    [GeneratedRegex(@"slack: \[\]")]
    private static partial Regex SlackChannels();

    [GeneratedRegex(@"perPaper: \d")]
    private static partial Regex PerPaper();

    [GeneratedRegex(@"closes: ""\d+d""")]
    private static partial Regex Closes();
}
