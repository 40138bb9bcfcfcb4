using CourseBot.Bot.Discord;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;

namespace CourseBot.Bot.Tests.Leads.EndToEnd;

/// <summary>
/// A roster message is edited in place, and only a post of one message can be: the whole term's roster of the
/// sample course (every paper to lead, every slot taken, a waitlist) must render as one message on each platform.
/// </summary>
public sealed class RosterMessageSizeTests
{
    [Fact]
    public void The_term_roster_of_a_full_sample_course_is_one_message_on_slack_and_on_discord()
    {
        var course = PostingBot.Course(d => d with { Leads = new LeadsPolicy { Papers = LeadablePapers.All, PerPaper = 2, Waitlist = true } });
        var catalog = LeadCatalog.For(course)!;
        var at = new DateTimeOffset(2025, 8, 20, 15, 0, 0, TimeSpan.Zero);
        var signups = catalog.Papers.SelectMany((p, i) => new[]
        {
            new LeadSignup("cs395t", p.Key, new LeadStudent("slack", $"UADA{i:D4}", "Ada Lovelace-Byron"), at, null),
            new LeadSignup("cs395t", p.Key, new LeadStudent("slack", $"UGRC{i:D4}", "Grace Brewster Hopper"), at.AddMinutes(1), null),
            new LeadSignup("cs395t", p.Key, new LeadStudent("slack", $"UKAT{i:D4}", "Katherine Johnson"), at.AddMinutes(2), 1),
        }).ToArray();
        Assert.True(catalog.Papers.Count >= 40, $"every paper of the term can be led: {catalog.Papers.Count}");

        var roster = LeadRoster.Term(catalog, signups);

        var slack = Assert.Single(SlackReplyRenderer.Render(roster));
        Assert.Contains("Grace Brewster Hopper", string.Concat(slack.Blocks.Select(b => b.ToString())), StringComparison.Ordinal);
        Assert.Single(DiscordReplyRenderer.Render(roster));
    }
}
