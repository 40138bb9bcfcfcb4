using CourseBot.Core.Leads;

namespace CourseBot.Core.Tests.Leads;

/// <summary>The sample course (CS 395T, Fall 2025) with sign-ups as its course file sets them, or changed.</summary>
internal static class LeadCourse
{
    /// <summary>The sample course file's section: required papers, 2 per paper, 1 per student, closes 2d before, slides 17:00 the day before.</summary>
    public static LeadsPolicy Policy { get; } = new()
    {
        Papers = LeadablePapers.Required,
        PerPaper = 2,
        PerStudent = 1,
        Closes = TimeSpan.FromDays(2),
        SlidesDue = new SlidesDeadline(new TimeOnly(17, 0), 1),
        Reminders = [TimeSpan.FromDays(2), TimeSpan.FromHours(3)],
        Waitlist = true,
        ShowNames = true,
        ExemptFromResponses = true,
    };

    public static LeadCatalog Catalog(Func<LeadsPolicy, LeadsPolicy>? change = null)
    {
        var policy = change is null ? Policy : change(Policy);
        return LeadCatalog.For(SampleCourse.Snapshot(d => d with { Leads = policy }))!;
    }

    public static readonly DateOnly Week3 = new(2025, 9, 8);

    public static LeadSignup Lead(string paper, string name, int minute = 0, int? waitlist = null, string platform = "discord") =>
        new("cs395t", paper, new LeadStudent(platform, $"id-{name}", name), new DateTimeOffset(2025, 9, 1, 15, minute, 0, TimeSpan.Zero), waitlist);
}
