using CourseBot.Bot.Scheduling;

namespace CourseBot.Bot.Local;

/// <summary>The terminal the local adapter talks to; one writer at a time so replies and posts never interleave.</summary>
public sealed class LocalConsole(TextReader input, TextWriter output)
{
    private readonly Lock _gate = new();

    public LocalConsole()
        : this(Console.In, Console.Out)
    {
    }

    public TextReader Input => input;

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
