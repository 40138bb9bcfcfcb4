using CourseBot.Bot.Delivery;

namespace CourseBot.Bot.Local;

/// <summary>
/// The terminal the local adapter talks to: answers and posts on standard output, log lines on standard
/// error, one writer at a time. While the <c>&gt; </c> prompt waits for a command, a post or a log line
/// takes the prompt off its line, is written, and shows the prompt again below it.
/// </summary>
public sealed class LocalConsole
{
    private readonly Lock _gate = new();
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly bool _outputIsTerminal;
    private bool _prompting;

    /// <summary>A console whose log lines go to <paramref name="output"/> too, with no terminal on either side (tests, pipes).</summary>
    public LocalConsole(TextReader input, TextWriter output)
        : this(input, output, output, inputIsTerminal: false, outputIsTerminal: false)
    {
    }

    /// <param name="inputIsTerminal">
    /// True when a person types at a terminal: the banner is shown at once. Otherwise (a pipe, a closed stdin
    /// as in a container) the bot waits to see whether any input comes before greeting.
    /// </param>
    /// <param name="outputIsTerminal">True when the prompt can be erased (carriage return, clear line) rather than ended with a newline.</param>
    public LocalConsole(TextReader input, TextWriter output, TextWriter error, bool inputIsTerminal, bool outputIsTerminal)
    {
        Input = input;
        Interactive = inputIsTerminal;
        _output = output;
        _error = error;
        _outputIsTerminal = outputIsTerminal;
    }

    /// <summary>The process's own terminal (or whatever standard input, output and error are redirected to).</summary>
    public static LocalConsole ForProcess() =>
        new(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected, !Console.IsOutputRedirected && !Console.IsErrorRedirected);

    public TextReader Input { get; }

    public bool Interactive { get; }

    /// <summary>Writes what the user asked for (after Enter, so at the start of a line).</summary>
    public void Write(string text)
    {
        lock (_gate)
        {
            _prompting = false;
            _output.Write(text);
            _output.Flush();
        }
    }

    /// <summary>Shows the prompt; whatever the bot writes on its own before the next command goes above it.</summary>
    public void Prompt()
    {
        lock (_gate)
        {
            _output.Write("> ");
            _output.Flush();
            _prompting = true;
        }
    }

    /// <summary>No more commands will come (standard input closed): ends the prompt's line for good.</summary>
    public void EndPrompt()
    {
        lock (_gate)
        {
            if (_prompting)
            {
                _output.Write('\n');
                _output.Flush();
                _prompting = false;
            }
        }
    }

    public void WritePost(PostKey key, string text) =>
        Interrupt(_output, $"\n── post to {key.Platform}:{key.Channel} ({key.Kind} {key.Slot}) ──\n{text}\n");

    /// <summary>One formatted log line (or a few, with a stack trace), to standard error.</summary>
    public void WriteLog(string text) => Interrupt(_error, text);

    private void Interrupt(TextWriter writer, string text)
    {
        lock (_gate)
        {
            if (_prompting)
            {
                // A terminal loses the prompt's line; a pipe or a file gets the line ended, as it cannot take it back.
                _output.Write(_outputIsTerminal ? "\r\e[K" : "\n");
                _output.Flush();
            }

            writer.Write(text);
            writer.Flush();
            if (_prompting)
            {
                _output.Write("> ");
                _output.Flush();
            }
        }
    }
}
