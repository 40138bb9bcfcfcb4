using CourseBot.Bot.Tests.Scheduling;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>
/// The setup tests against Discord share: a fresh <see cref="FakeDiscordApi"/> on loopback and an empty
/// data folder for each test, both gone afterwards. A class that also starts a bot overrides
/// <see cref="InitializeAsync"/> and <see cref="DisposeAsync"/> and calls the base first and last.
/// </summary>
public abstract class WithFakeDiscord : IAsyncLifetime
{
    protected TempDirectory Data { get; } = new();

    protected FakeDiscordApi Api { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Api = await FakeDiscordApi.StartAsync();

    public virtual async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Data.Dispose();
    }
}
