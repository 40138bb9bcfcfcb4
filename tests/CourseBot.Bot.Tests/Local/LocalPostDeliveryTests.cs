using CourseBot.Bot.Delivery;
using CourseBot.Bot.Local;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Tests.Local;

/// <summary>A post on the console adapter, as the person at the terminal sees it.</summary>
public sealed class LocalPostDeliveryTests
{
    [Fact]
    public async Task A_post_is_printed_once_not_once_on_the_console_and_again_in_the_log()
    {
        var output = new StringWriter();
        var log = new CapturedLog();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(log))
            .AddSingleton(new LocalConsole(new StringReader(""), output))
            .BuildServiceProvider();
        var delivery = ActivatorUtilities.CreateInstance<LocalPostDelivery>(services);
        var post = new Reply("Week 3: Efficient LLM Serving", [new ReplyBlock.Paragraph(new Span.Text("Read Orca before Tuesday."))], TimeZoneInfo.Utc);

        await delivery.PostAsync(new PostKey("cs395t", "2025-09-08", PostKinds.Announcement, PostTargets.LocalPlatform, PostTargets.ConsoleChannel), post, CancellationToken.None);

        var everythingShown = output + string.Concat(log.Entries.Select(e => e.Message + "\n"));
        Assert.Equal(1, Occurrences(everythingShown, "Read Orca before Tuesday."));
        Assert.Equal(1, Occurrences(output.ToString(), "Week 3: Efficient LLM Serving"));
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;
}
