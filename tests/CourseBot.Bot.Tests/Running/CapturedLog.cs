using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Tests.Running;

/// <summary>A logger provider that keeps every message, for tests about what the bot tells its operator.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
