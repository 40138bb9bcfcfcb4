namespace CourseBot.Core.ReadingList;

/// <summary>Loads a reading list and its papers file from files or from text fetched elsewhere.</summary>
public static class ReadingListLoader
{
    /// <summary>Reads both files; a missing or unreadable file is a diagnostic, and whatever is readable is still served.</summary>
    public static CourseReadingList Load(string readingListPath, string? papersPath)
    {
        var diagnostics = new List<Diagnostic>();
        var papersText = papersPath is null ? null : ReadFile(papersPath, diagnostics);
        var listText = ReadFile(readingListPath, diagnostics);
        return FromText(listText, readingListPath, papersText, papersPath, diagnostics);
    }

    /// <summary>Parses already read text (e.g. fetched over HTTP); null text means the source could not be read.</summary>
    public static CourseReadingList FromBytes(ReadOnlySpan<byte> readingList, string readingListPath, ReadOnlySpan<byte> papers, string? papersPath)
    {
        var diagnostics = new List<Diagnostic>();
        var papersText = papersPath is null ? null : SourceText.Decode(papers, papersPath, diagnostics);
        var listText = SourceText.Decode(readingList, readingListPath, diagnostics);
        return FromText(listText, readingListPath, papersText, papersPath, diagnostics);
    }

    public static CourseReadingList FromText(string? readingList, string readingListPath, string? papers, string? papersPath, List<Diagnostic>? diagnostics = null)
    {
        diagnostics ??= [];
        var papersByKey = papers is null || papersPath is null
            ? new Dictionary<string, Paper>(StringComparer.Ordinal)
            : PapersFileParser.Parse(SourceText.NormalizeLineEnds(papers), papersPath, diagnostics);
        if (readingList is null)
        {
            return new CourseReadingList([], [], papersByKey, diagnostics.ToArray());
        }

        var papersName = papersPath is null ? "the papers file" : Path.GetFileName(papersPath);
        return ReadingListParser.Parse(readingList, readingListPath, papersByKey, papersName, diagnostics);
    }

    private static string? ReadFile(string path, List<Diagnostic> diagnostics)
    {
        try
        {
            return SourceText.Decode(File.ReadAllBytes(path), path, diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var what = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : $"the file cannot be read: {e.Message}";
            diagnostics.Add(Diagnostic.Error(new SourceLocation(path, 1, 1), what, "check the path in the course file"));
            return null;
        }
    }
}
