using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>A bot on the fake Slack whose clock the test moves; it starts on the Wednesday of week 3 of the sample term.</summary>
public abstract class SlackBotOnClock : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));

    protected FakeSlack Slack { get; private set; } = null!;

    protected SlackBotHost Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlack.StartAsync();
        Bot = await SlackBotHost.StartAsync(Slack, _data.Path, replace: services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
        _data.Dispose();
    }
}
