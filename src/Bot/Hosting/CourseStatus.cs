using CourseBot.Core;
using CourseBot.Core.ReadingList;

namespace CourseBot.Bot.Hosting;

/// <summary>What the bot serves for one course, and how the last refresh went (for /readyz and logs).</summary>
/// <param name="Version">A short hash of the course file, reading list and papers bytes being served.</param>
/// <param name="RejectedProblem">Why the newest version was not taken (the last good one keeps serving), if so.</param>
public sealed record CourseStatus(CourseSnapshot Snapshot, string Version, DateTimeOffset LoadedAt, string? RejectedProblem)
{
    /// <summary>Every problem of the served version: reading list, papers and the course's calendar.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = [.. Snapshot.ReadingList.Diagnostics, .. Snapshot.Calendar.Diagnostics];

    public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);

    public int Warnings => Diagnostics.Count(d => d.Severity == Severity.Warning);
}
