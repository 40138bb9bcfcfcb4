namespace CourseBot.Bot.Hosting;

/// <summary>The outcome of reading a source again.</summary>
public abstract record SourceRead
{
    private SourceRead()
    {
    }

    public sealed record Unchanged : SourceRead;

    public sealed record Changed(SourceContent Content) : SourceRead;

    /// <summary>The source could not be read; the last good version keeps serving.</summary>
    public sealed record Failed(string Reason) : SourceRead;
}
