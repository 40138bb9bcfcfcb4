namespace CourseBot.Core.ReadingList;

/// <summary>
/// One problem found in a source file: where it is, what is wrong, and what would fix it.
/// Rendered the way compilers do: <c>path:line:column: error: message (hint)</c>.
/// </summary>
public sealed record Diagnostic(SourceLocation Location, Severity Severity, string Message, string? Hint = null)
{
    public static Diagnostic Error(SourceLocation at, string message, string? hint = null) => new(at, Severity.Error, message, hint);

    public static Diagnostic Warning(SourceLocation at, string message, string? hint = null) => new(at, Severity.Warning, message, hint);

    public override string ToString()
    {
        var severity = Severity == Severity.Error ? "error" : "warning";
        return Hint is null
            ? $"{Location}: {severity}: {Message}"
            : $"{Location}: {severity}: {Message}; {Hint}";
    }
}
