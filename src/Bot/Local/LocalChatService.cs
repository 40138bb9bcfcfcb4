using CourseBot.Bot.Conversation;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Local;

/// <summary>
/// The console chat: each line typed is a command, answered like a student would see it. When
/// standard input is closed (a container, a pipe that ended) the bot keeps running and prints its posts.
/// </summary>
public sealed partial class LocalChatService(
    LocalConsole console,
    ICourseConversation conversation,
    ILogger<LocalChatService> logger) : BackgroundService
{
    public const string Banner = "CourseBot is running. Type a command such as /reading week3, /paper distserve, /schedule or /help, or ask in plain words: which papers are required this week?\n";

    private static readonly CommandContext Context = new("local", null, null, "console", IsAdmin: true) { DisplayName = "console" };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Without a terminal, greet only once some input arrives: a closed stdin (a container) gets no banner.
        if (!console.Interactive && await OffTheHostThread(console.Input.Peek, stoppingToken) < 0)
        {
            LogInputClosed();
            return;
        }

        console.Write(Banner);
        console.Prompt();
        while (!stoppingToken.IsCancellationRequested)
        {
            var line = await OffTheHostThread(console.Input.ReadLine, stoppingToken);
            if (line is null)
            {
                console.EndPrompt();
                LogInputClosed();
                return;
            }

            if (line.Trim().Length > 0)
            {
                var reply = await conversation.AnswerAsync(Context, CommandParser.Parse(line), stoppingToken);
                console.Write(PlainTextRenderer.Render(reply));
            }

            console.Prompt();
        }
    }

    /// <summary>Console reads block and ignore cancellation; waiting on the read (not in it) lets shutdown proceed.</summary>
    private static Task<T> OffTheHostThread<T>(Func<T> read, CancellationToken stoppingToken) =>
        Task.Run(read, CancellationToken.None).WaitAsync(stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Standard input is closed; the bot keeps running and prints its posts on standard output")]
    private partial void LogInputClosed();
}
