using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// The sample course (with its <c>leads:</c> section: 2 leads per paper, 1 paper per student, a waitlist, sign-ups
/// closing 2 days before class) moved whole weeks into the future, so a real <c>coursebot</c> process, which runs on
/// the real clock, finds every paper open for sign-up.
/// </summary>
internal static partial class LeadsCourse
{
    /// <summary>Required papers of the sample course's first weeks, which the tests sign up for.</summary>
    public const string Paper1 = "illtransformer", Paper2 = "megatron-sc21", Paper3 = "wlbllm-osdi25";

    public static readonly DateOnly SampleFirstMonday = new(2025, 8, 25);

    /// <summary>Copies the course into <paramref name="parent"/>/config with every date moved by whole weeks: week 1 starts 2 to 3 weeks from now.</summary>
    public static string Create(string parent)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var weeks = (today.DayNumber - SampleFirstMonday.DayNumber) / 7 + 3;
        return CourseCopy.Create(parent, text => IsoDate().Replace(text, m =>
            DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(7 * weeks).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    /// <summary>The rows of <c>coursebot leads --format json</c>.</summary>
    public static IReadOnlyList<Row> Rows(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(r => new Row(
                r.GetProperty("paperKey").GetString()!,
                r.GetProperty("userId").GetString()!,
                r.GetProperty("platform").GetString()!,
                r.GetProperty("displayName").GetString()!,
                r.GetProperty("waitlistPosition").ValueKind == JsonValueKind.Null ? null : r.GetProperty("waitlistPosition").GetInt32()))
            .ToArray();
    }

    /// <summary>
    /// The roster's invariants: no paper has more than <paramref name="perPaper"/> leads, each paper's waitlist is
    /// 1, 2, 3, … with no gap or repeat, and no student holds more than <paramref name="perStudent"/> places.
    /// </summary>
    public static void AssertConsistent(IReadOnlyList<Row> rows, int perPaper, int perStudent)
    {
        foreach (var paper in rows.GroupBy(r => r.PaperKey))
        {
            Assert.True(paper.Count(r => r.WaitlistPosition is null) <= perPaper, $"{paper.Key} has more than {perPaper} leads: {string.Join(", ", paper)}");
            var positions = paper.Where(r => r.WaitlistPosition is not null).Select(r => r.WaitlistPosition!.Value).Order().ToArray();
            Assert.Equal(Enumerable.Range(1, positions.Length), positions);
        }

        foreach (var student in rows.GroupBy(r => (r.Platform, r.UserId)))
        {
            Assert.True(student.Count() <= perStudent, $"{student.Key} holds {student.Count()} places");
        }
    }

    public sealed record Row(string PaperKey, string UserId, string Platform, string DisplayName, int? WaitlistPosition);

    [GeneratedRegex(@"\b20\d\d-\d\d-\d\d\b")]
    private static partial Regex IsoDate();
}
