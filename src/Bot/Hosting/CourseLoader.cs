using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Loads every course of a config folder: the course files, then each course's reading list and
/// papers (local files or URLs). Problems become diagnostics; every course that loaded is served
/// even when another did not.
/// </summary>
public static class CourseLoader
{
    public static async Task<CourseSet> LoadAsync(string configDirectory, SourceReader reader, CancellationToken cancellationToken)
    {
        var files = CourseFile.LoadDirectory(configDirectory);
        var diagnostics = new List<Diagnostic>(files.Diagnostics);
        var courses = new List<CourseSnapshot>();
        foreach (var course in files.Courses)
        {
            var list = await reader.ReadAsync(course.ReadingList, null, cancellationToken);
            var papers = await reader.ReadAsync(course.Papers, null, cancellationToken);
            var snapshot = Build(course, list, papers);
            diagnostics.AddRange(snapshot.ReadingList.Diagnostics);
            diagnostics.AddRange(snapshot.Calendar.Diagnostics);
            courses.Add(snapshot);
        }

        return new CourseSet(courses, diagnostics);
    }

    /// <summary>A snapshot from what was read; a source that failed counts as an error at its location.</summary>
    public static CourseSnapshot Build(CourseDefinition course, SourceRead list, SourceRead papers)
    {
        var diagnostics = new List<Diagnostic>();
        var papersText = TextOf(papers, course.Papers, course.PapersAt, diagnostics);
        var listText = TextOf(list, course.ReadingList, course.ReadingListAt, diagnostics);
        var readingList = ReadingListLoader.FromText(listText, course.ReadingList, papersText, course.Papers, diagnostics);
        return CourseSnapshot.Create(course, readingList);
    }

    /// <summary>
    /// The config folder to use: the one given, else <c>config/</c> in the working folder, else the
    /// sample course shipped beside the executable.
    /// </summary>
    public static string ResolveDirectory(string? given)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        var local = Path.GetFullPath("config");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "config");
    }

    private static string? TextOf(SourceRead read, string location, SourceLocation? namedAt, List<Diagnostic> diagnostics)
    {
        switch (read)
        {
            case SourceRead.Changed changed:
                return SourceText.Decode(changed.Content.Bytes, location, diagnostics);
            case SourceRead.Failed failed:
                diagnostics.Add(ReadingListLoader.Unreadable(location, namedAt, failed.Reason));
                return null;
            default:
                return null;
        }
    }
}
