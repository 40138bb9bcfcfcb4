using CourseBot.Bot.Tests.Scheduling;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>
/// The setup tests against Slack share: a fresh <see cref="FakeSlack"/> on loopback and an empty data
/// folder for each test, both gone afterwards. A class that also starts a bot overrides
/// <see cref="InitializeAsync"/> and <see cref="DisposeAsync"/> and calls the base first and last.
/// </summary>
public abstract class WithFakeSlack : IAsyncLifetime
{
    protected TempDirectory Data { get; } = new();

    protected FakeSlack Slack { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Slack = await FakeSlack.StartAsync();

    public virtual async Task DisposeAsync()
    {
        await Slack.DisposeAsync();
        Data.Dispose();
    }
}
