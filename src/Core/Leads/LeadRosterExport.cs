using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CourseBot.Core.Leads;

/// <summary>The roster for staff tools (<c>coursebot leads</c>): rows in term order, as text, JSON or CSV.</summary>
public static class LeadRosterExport
{
    public const string CsvHeader = "week,class date,paper key,title,user id,display name,platform,signed up at,waitlist position";

    /// <summary>
    /// The sign-ups as rows: by week and class, each paper's leads then its waitlist; sign-ups of papers without a
    /// class (moved out of the term, no longer leadable) last. <paramref name="week"/> keeps one numbered week.
    /// </summary>
    public static IReadOnlyList<LeadRosterRow> Rows(LeadCatalog catalog, IReadOnlyList<LeadSignup> signups, int? week = null)
    {
        var order = catalog.Papers.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.OrdinalIgnoreCase);
        return signups
            .Select(s => (Signup: s, Paper: catalog.Find(s.PaperKey)))
            .Where(x => week is null || x.Paper?.Week.Number == week)
            .OrderBy(x => x.Paper is null ? int.MaxValue : order[x.Paper.Key])
            .ThenBy(x => x.Signup.PaperKey, StringComparer.Ordinal)
            .ThenBy(x => x.Signup.WaitlistPosition ?? 0)
            .ThenBy(x => x.Signup.SignedUpAt)
            .Select(x => new LeadRosterRow(
                x.Paper?.Week.Number,
                x.Paper is null ? null : DateOnly.FromDateTime(catalog.Course.Calendar.ToLocal(x.Paper.Class.Start).DateTime),
                x.Signup.PaperKey,
                x.Paper?.Title ?? (catalog.Course.ReadingList.Papers.TryGetValue(x.Signup.PaperKey, out var paper) ? paper.Title ?? x.Signup.PaperKey : x.Signup.PaperKey),
                x.Signup.Student.UserId,
                x.Signup.Student.DisplayName,
                x.Signup.Student.Platform,
                x.Signup.SignedUpAt,
                x.Signup.WaitlistPosition))
            .ToArray();
    }

    /// <summary>CSV (RFC 4180) with a header line; times as ISO-8601 UTC.</summary>
    public static string Csv(IReadOnlyList<LeadRosterRow> rows)
    {
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var row in rows)
        {
            string[] fields =
            [
                row.Week?.ToString(CultureInfo.InvariantCulture) ?? "",
                row.ClassDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                row.PaperKey,
                row.Title,
                row.UserId,
                Defused(row.DisplayName),
                row.Platform,
                Replies.IsoTime.Utc(row.SignedUpAt),
                row.WaitlistPosition?.ToString(CultureInfo.InvariantCulture) ?? "",
            ];
            csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A JSON array of the rows (camelCase fields, nulls kept so every row has every column).</summary>
    public static string Json(IReadOnlyList<LeadRosterRow> rows) =>
        JsonSerializer.Serialize(rows, LeadRosterJson.Default.IReadOnlyListLeadRosterRow);

    /// <summary>One line per sign-up: "Week 3  2025-09-09  hybridflow-eurosys25  Ada (discord 8035…)  lead", for a terminal.</summary>
    public static string Text(IReadOnlyList<LeadRosterRow> rows)
    {
        if (rows.Count == 0)
        {
            return "No sign-ups.\n";
        }

        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var week = row.Week is { } n ? $"Week {n}" : "-";
            var date = row.ClassDate?.ToString("ddd MMM d", CultureInfo.InvariantCulture) ?? "no class";
            var role = row.WaitlistPosition is { } position ? $"waitlist #{position}" : "lead";
            text.Append(CultureInfo.InvariantCulture, $"{week,-8}  {date,-10}  {row.PaperKey}  {row.DisplayName} ({row.Platform} {row.UserId})  {role}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// A name a student chose that a spreadsheet would run as a formula ("=HYPERLINK(…)") gets a leading
    /// apostrophe, which spreadsheets show as text.
    /// </summary>
    internal static string Defused(string name) => name.Length > 0 && name[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + name : name;

    /// <summary>Quotes a field that holds a comma, a quote, a line break or edge spaces; quotes inside are doubled.</summary>
    internal static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '))
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
