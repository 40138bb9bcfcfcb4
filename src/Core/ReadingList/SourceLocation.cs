namespace CourseBot.Core.ReadingList;

/// <summary>A place in a source file; line and column are 1-based.</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
