using CourseBot.Bot.Conversation;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Local;

/// <summary>
/// The console chat: each line typed is a command, answered like a student would see it. When
/// standard input is closed (a container, a pipe that ended) the bot keeps running and posts go to the log.
/// </summary>
public sealed partial class LocalChatService(
    LocalConsole console,
    ICourseConversation conversation,
    ILogger<LocalChatService> logger) : BackgroundService
{
    private static readonly CommandContext Context = new("local", null, null, "console", IsAdmin: true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        console.Write("CourseBot is running. Type a command such as /reading week3, /paper distserve, /schedule or /help.\n> ");
        while (!stoppingToken.IsCancellationRequested)
        {
            // Console reads block and ignore cancellation; waiting on the read (not in it) lets shutdown proceed.
            var line = await Task.Run(console.Input.ReadLine, CancellationToken.None).WaitAsync(stoppingToken);
            if (line is null)
            {
                LogInputClosed();
                return;
            }

            if (line.Trim().Length > 0)
            {
                var reply = await conversation.AnswerAsync(Context, CommandParser.Parse(line), stoppingToken);
                console.Write(PlainTextRenderer.Render(reply));
            }

            console.Write("> ");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Standard input is closed; the bot keeps running and prints its posts to the log")]
    private partial void LogInputClosed();
}
