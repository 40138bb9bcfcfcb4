using CourseBot.Bot.Hosting;
using CourseBot.Bot.Local;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Local;

/// <summary>The log as the bot's host sets it up: compact lines on stderr, and on the console adapter never inside the prompt.</summary>
public sealed class ConsoleLoggingTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_log_line_is_one_line_with_a_short_category_and_no_event_id()
    {
        var formatter = new CompactLogFormatter(new StaticOptions(new CompactLogFormatterOptions()));
        var line = new StringWriter();

        formatter.Write(
            new LogEntry<string>(LogLevel.Information, "CourseBot.Bot.Scheduling.StorageSchema", new EventId(4101), "Storage schema ready (sqlite)", null, (s, _) => s),
            null,
            line);

        Assert.Equal("info StorageSchema: Storage schema ready (sqlite)\n", line.ToString());
    }

    [Fact]
    public void An_exception_adds_its_message_to_the_line_and_no_stack_trace_unless_asked()
    {
        var failure = Thrown(new FormatException("Invalid Day-of-Week value: 'MNO'"));

        var plain = CompactLogFormatter.Format(LogLevel.Error, "Microsoft.Extensions.Hosting.Internal.Host", "BackgroundService failed", failure, new CompactLogFormatterOptions());
        var traced = CompactLogFormatter.Format(LogLevel.Error, "Microsoft.Extensions.Hosting.Internal.Host", "BackgroundService failed", failure, new CompactLogFormatterOptions { StackTraces = true });

        Assert.Equal("fail Microsoft.Extensions.Hosting.Internal.Host: BackgroundService failed (FormatException: Invalid Day-of-Week value: 'MNO')\n", plain);
        Assert.Contains(nameof(Thrown), traced);
    }

    [Fact]
    public void Every_verb_logs_in_the_compact_format_to_stderr_unless_the_settings_choose_another_format()
    {
        using var chosen = Host(new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = "json" }).Build();
        using var standard = Host(new Dictionary<string, string?> { ["Discord:BotToken"] = "token" }).Build();

        var options = standard.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value;
        Assert.Equal(CompactLogFormatter.FormatterName, options.FormatterName);
        Assert.Equal(LogLevel.Trace, options.LogToStandardErrorThreshold);
        Assert.Equal("json", chosen.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
    }

    [Fact]
    public void On_the_console_adapter_a_log_line_moves_the_prompt_below_it_instead_of_landing_inside_it()
    {
        var screen = new StringWriter();
        var builder = Host(new Dictionary<string, string?>());
        builder.Services.AddSingleton(new LocalConsole(new StringReader(""), screen, screen, inputIsTerminal: true, outputIsTerminal: true));
        using var app = builder.Build();
        var console = app.Services.GetRequiredService<LocalConsole>();
        var logger = app.Services.GetRequiredService<ILogger<LocalChatService>>();

        console.Write(LocalChatService.Banner);
        console.Prompt();
        logger.LogInformation("Course cs395t: 21 posts planned, 21 (re)scheduled");

        Assert.Equal(
            [LocalChatService.Banner.TrimEnd('\n'), "info LocalChatService: Course cs395t: 21 posts planned, 21 (re)scheduled", "> "],
            AsShown(screen.ToString()));
    }

    [Fact]
    public void Without_a_terminal_a_log_line_starts_a_line_of_its_own_and_the_prompt_comes_again()
    {
        var screen = new StringWriter();
        var console = new LocalConsole(new StringReader(""), screen);

        console.Prompt();
        console.WriteLog("warn CourseRefreshService: something\n");

        Assert.Equal("> \nwarn CourseRefreshService: something\n> ", screen.ToString());
    }

    private WebApplicationBuilder Host(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _work.Path });
        builder.AddCourseBotServices(CliRun.SampleConfig);
        return builder;
    }

    /// <summary>The lines a terminal shows: "\r" + clear-line erases what the line held so far.</summary>
    private static string[] AsShown(string written) =>
        written.Split('\n').Select(line => line[(line.LastIndexOf("\r\e[K", StringComparison.Ordinal) is var at and >= 0 ? at + 4 : 0)..]).ToArray();

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }

    private sealed class StaticOptions(CompactLogFormatterOptions value) : IOptionsMonitor<CompactLogFormatterOptions>
    {
        public CompactLogFormatterOptions CurrentValue => value;

        public CompactLogFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CompactLogFormatterOptions, string?> listener) => null;
    }
}
