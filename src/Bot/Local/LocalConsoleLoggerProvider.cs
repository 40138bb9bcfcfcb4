using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Local;

/// <summary>
/// The console logger of the console adapter: same format and filters as the console logger
/// ("Console" settings apply), but each line is written through the <see cref="LocalConsole"/>, synchronously,
/// so it never lands inside the prompt.
/// </summary>
[ProviderAlias("Console")]
public sealed class LocalConsoleLoggerProvider(LocalConsole console, IOptionsMonitor<CompactLogFormatterOptions> options) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(console, options, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LocalConsole console, IOptionsMonitor<CompactLogFormatterOptions> options, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null)
            {
                return;
            }

            console.WriteLog(CompactLogFormatter.Format(logLevel, category, message, exception, options.CurrentValue));
        }
    }
}
