using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>A bot on the fake Slack whose clock the test moves; it starts on the Wednesday of week 3 of the sample term.</summary>
public abstract class SlackBotOnClock : WithFakeSlack
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));

    protected SlackBotHost Bot { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Bot = await SlackBotHost.StartAsync(Slack, Data.Path, replace: services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await base.DisposeAsync();
    }
}
