using CourseBot.Bot.Local;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// How every verb logs, in one place: one compact line per entry (<see cref="CompactLogFormatter"/>), on
/// standard error, so standard output carries only what a verb prints (answers, posts, JSON).
/// </summary>
public static class CourseBotLogging
{
    public static ILoggingBuilder UseCourseBotFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        // What AddConsoleFormatter<,> does, minus its reflection binding of the formatter's options: the one
        // option is read by hand (and again when the settings change).
        var formatterOptions = configuration.GetSection("Logging:Console:FormatterOptions");
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, CompactLogFormatter>());
        logging.Services.AddOptions<CompactLogFormatterOptions>().Configure(options =>
            options.StackTraces = new SettingValues(formatterOptions).Flag(nameof(options.StackTraces), options.StackTraces));
        logging.Services.AddSingleton<IOptionsChangeTokenSource<CompactLogFormatterOptions>>(
            new ConfigurationChangeTokenSource<CompactLogFormatterOptions>(formatterOptions));

        // The host's builder already chose "simple"; a Logging:Console:FormatterName setting ("json") still wins.
        logging.Services.Configure<ConsoleLoggerOptions>(options =>
        {
            options.FormatterName = configuration["Logging:Console:FormatterName"] is { Length: > 0 } chosen ? chosen : CompactLogFormatter.FormatterName;
            options.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        return logging;
    }

    /// <summary>
    /// On the console adapter, log lines go through the <see cref="LocalConsole"/> (still to standard error),
    /// which moves the <c>&gt; </c> prompt below them instead of writing into it.
    /// </summary>
    public static ILoggingBuilder ThroughLocalConsole(this ILoggingBuilder logging)
    {
        var console = logging.Services.FirstOrDefault(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        if (console is not null)
        {
            // Only where console logging is on (tests that clear the providers keep them cleared).
            logging.Services.Remove(console);
            logging.Services.AddSingleton<ILoggerProvider, LocalConsoleLoggerProvider>();
        }

        return logging;
    }
}
