using CourseBot.Core;

namespace CourseBot.Bot.Hosting;

/// <summary>What the bot serves for one course, and how the last refresh went (for /readyz and logs).</summary>
/// <param name="Version">A short hash of the reading list and papers bytes being served.</param>
/// <param name="RejectedProblem">Why the newest version was not taken (the last good one keeps serving), if so.</param>
public sealed record CourseStatus(CourseSnapshot Snapshot, string Version, DateTimeOffset LoadedAt, string? RejectedProblem)
{
    public int Errors => Snapshot.ReadingList.Diagnostics.Count(d => d.Severity == Core.ReadingList.Severity.Error);

    public int Warnings => Snapshot.ReadingList.Diagnostics.Count(d => d.Severity == Core.ReadingList.Severity.Warning);
}
