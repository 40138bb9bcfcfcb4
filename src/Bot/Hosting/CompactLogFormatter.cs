using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// The bot's log format: one line per entry, <c>info PostSender: Posted …</c>. The category is cut to its
/// class name for the bot's own classes and the event id is left out (both are for code, not for the person
/// reading). An exception adds its type and message to the line; its stack trace follows only with
/// <c>Logging:Console:FormatterOptions:StackTraces=true</c>, so a user's mistake never prints one.
/// </summary>
public sealed class CompactLogFormatter(IOptionsMonitor<CompactLogFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "coursebot";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(Format(logEntry.LogLevel, logEntry.Category, message, logEntry.Exception, options.CurrentValue));
    }

    /// <summary>The text for one entry, ending with a newline.</summary>
    public static string Format(LogLevel level, string category, string? message, Exception? exception, CompactLogFormatterOptions options)
    {
        // No timestamp: journald, Docker and Kubernetes add their own.
        var line = new StringBuilder();
        line.Append(Label(level)).Append(' ').Append(ShortCategory(category)).Append(": ").Append(OneLine(message));
        if (exception is not null)
        {
            line.Append(" (").Append(exception.GetType().Name).Append(": ").Append(OneLine(exception.Message)).Append(')');
        }

        line.Append('\n');
        if (exception is not null && options.StackTraces)
        {
            line.Append(exception).Append('\n');
        }

        return line.ToString();
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString().ToLowerInvariant(),
    };

    /// <summary>"CourseBot.Bot.Scheduling.StorageSchema" → "StorageSchema"; other libraries' categories stay whole.</summary>
    private static string ShortCategory(string category) =>
        category.StartsWith("CourseBot.", StringComparison.Ordinal) ? category[(category.LastIndexOf('.') + 1)..] : category;

    private static string OneLine(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.ReplaceLineEndings(" ").TrimEnd();
}

/// <summary>Options of <see cref="CompactLogFormatter"/> (section <c>Logging:Console:FormatterOptions</c>).</summary>
public sealed class CompactLogFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Print an exception's stack trace under its line (for debugging the bot itself).</summary>
    public bool StackTraces { get; set; }
}
