using CourseBot.Bot.Scheduling;

namespace CourseBot.Bot.Local;

/// <summary>The terminal the local adapter talks to; one writer at a time so replies and posts never interleave.</summary>
/// <param name="interactive">
/// True when standard input is a terminal (a person types): the banner is shown at once. Otherwise (a
/// pipe, a closed stdin as in a container) the bot waits to see whether any input comes before greeting.
/// </param>
public sealed class LocalConsole(TextReader input, TextWriter output, bool interactive = false)
{
    private readonly Lock _gate = new();

    /// <summary>The process's own terminal (or whatever standard input and output are redirected to).</summary>
    public static LocalConsole ForProcess() => new(Console.In, Console.Out, !Console.IsInputRedirected);

    public TextReader Input => input;

    public bool Interactive => interactive;

    public void Write(string text)
    {
        lock (_gate)
        {
            output.Write(text);
            output.Flush();
        }
    }

    public void WritePost(PostKey key, string text) =>
        Write($"\n── post to {key.Platform}:{key.Channel} ({key.Kind} {key.Slot}) ──\n{text}\n");
}
