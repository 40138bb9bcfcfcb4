using CourseBot.Bot.Conversation;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Conversation;

/// <summary>An admin's /reload says which version is served, in plain English.</summary>
public sealed class ReloadReplyTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Reload_counts_one_warning_as_one_warning()
    {
        // The sample papers file defines alpa-osdi22 twice: one warning, and 50 readings on the page.
        var config = CourseCopy.Create(Path.Combine(_work.Path, "course"), text => text);
        var (app, _) = await InProcessBot.StartAsync(new Dictionary<string, string?>(), config);
        await using (app)
        {
            var conversation = app.Services.GetRequiredService<ICourseConversation>();
            var reply = await conversation.AnswerAsync(
                new CommandContext("local", null, null, "console", IsAdmin: true), new CourseCommand.Reload(), CancellationToken.None);

            var text = string.Concat(reply.Blocks.OfType<ReplyBlock.Paragraph>().SelectMany(p => p.Spans).OfType<Span.Text>().Select(s => s.Value));
            Assert.Matches(@"^Serving version \w+: 50 readings, 0 errors, 1 warning\.$", text);
            await app.StopAsync();
        }
    }
}
