namespace CourseBot.Core.ReadingList;

/// <summary>Loads a reading list and its papers file from files or from text fetched elsewhere.</summary>
public static class ReadingListLoader
{
    /// <summary>Reads both files; a missing or unreadable file is a diagnostic, and whatever is readable is still served.</summary>
    /// <param name="readingListAt">Where the course file names the reading list: a missing file is reported there.</param>
    /// <param name="papersAt">Where the course file names the papers file.</param>
    public static CourseReadingList Load(string readingListPath, string? papersPath, SourceLocation? readingListAt = null, SourceLocation? papersAt = null)
    {
        var diagnostics = new List<Diagnostic>();
        var papersText = papersPath is null ? null : ReadFile(papersPath, papersAt, diagnostics);
        var listText = ReadFile(readingListPath, readingListAt, diagnostics);
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

    /// <summary>
    /// Parses the reading list against the papers file. Null text means that source could not be read (its
    /// error is already in <paramref name="diagnostics"/>); what follows only from that is not reported again.
    /// A null <paramref name="papersPath"/> means there is no papers file at all.
    /// </summary>
    public static CourseReadingList FromText(string? readingList, string readingListPath, string? papers, string? papersPath, List<Diagnostic>? diagnostics = null)
    {
        diagnostics ??= [];
        var papersComplete = papersPath is null;
        var papersByKey = papers is null || papersPath is null
            ? new Dictionary<string, Paper>(StringComparer.Ordinal)
            : PapersFileParser.Parse(SourceText.NormalizeLineEnds(papers), papersPath, diagnostics, out papersComplete);
        if (readingList is null)
        {
            return new CourseReadingList([], [], papersByKey, diagnostics.ToArray()) { ReadingListComplete = false, PapersComplete = papersComplete };
        }

        var papersName = papersPath is null ? "the papers file" : Path.GetFileName(papersPath);
        return ReadingListParser.Parse(readingList, readingListPath, papersByKey, papersName, diagnostics, papersComplete);
    }

    /// <summary>A source that could not be read, reported where the course file names it (else at the source itself).</summary>
    public static Diagnostic Unreadable(string path, SourceLocation? namedAt, string reason) =>
        Diagnostic.Error(namedAt ?? new SourceLocation(path, 1, 1), namedAt is null ? reason : $"{reason}: {path}", "check the path or URL in the course file");

    private static string? ReadFile(string path, SourceLocation? namedAt, List<Diagnostic> diagnostics)
    {
        try
        {
            return SourceText.Decode(File.ReadAllBytes(path), path, diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var what = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : $"the file cannot be read: {e.Message}";
            diagnostics.Add(Unreadable(path, namedAt, what));
            return null;
        }
    }
}
