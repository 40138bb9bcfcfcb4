using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSec.Cryptography;

namespace CourseBot.Bot.Tests.Follow;

/// <summary>
/// The whole chain in one bot process on FakeDiscord and FakeSlack, on a fake clock: the sample course copied to a
/// folder, announcements sent by Quartz, the reading list edited on disk, the refresh that notices it, the
/// <see cref="EditRoundJob"/> that Quartz runs, and the debounced "what changed" notice; then a restart.
/// </summary>
public sealed class FollowEditsEndToEndTests : WithFakeDiscord
{
    private const string DiscordChannel = "1200000000000000021";
    private const string SecondDiscordChannel = "1200000000000000022";
    private const string SlackChannel = "C0FOLLOWE2E";

    // Unusual on purpose: the test tells the notice's wait from every other timer on the clock by its length.
    private static readonly TimeSpan NoticeDelay = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(730);

    private readonly Key _discordKey = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private TimerSignals _clock = null!;
    private FakeSlack? _fakeSlack;
    private string _config = null!;
    private WebApplication? _app;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Without discussion leads: their roster is a post of its own, kept current by its own upkeep.
        _config = CourseCopy.Create(Data.Path, text => text[..text.IndexOf("\nleads:", StringComparison.Ordinal)]
            .Replace("discord: []", $"discord: [\"{DiscordChannel}\", \"{SecondDiscordChannel}\"]", StringComparison.Ordinal)
            .Replace("slack: []", $"slack: [\"{SlackChannel}\"]", StringComparison.Ordinal));
    }

    public override async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await StoppedHost.StopAndDisposeAsync(_app);
        }

        _discordKey.Dispose();
        if (_fakeSlack is not null)
        {
            await _fakeSlack.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private FakeSlack Slack => _fakeSlack!;

    private string ReadingList => Path.Combine(_config, "cs395t", "reading_list.md");

    [Fact]
    public async Task An_edit_on_disk_edits_the_current_weeks_announcement_on_both_platforms_leaves_the_past_week_and_posts_one_notice_per_burst()
    {
        _clock = new TimerSignals(new DateTimeOffset(2025, 9, 1, 13, 59, 0, TimeSpan.Zero)); // Monday of week 2, 08:59 in Chicago
        await StartAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.WaitUntilAsync(() => Sent(1), "the week 2 announcement on every channel");
        await IdleAsync();
        _clock.SetUtcNow(new DateTimeOffset(2025, 9, 8, 14, 0, 0, TimeSpan.Zero)); // Monday of week 3, 09:00
        await TickUntilAsync(() => Sent(2), TimeSpan.FromMilliseconds(250), "the week 3 announcement on every channel");
        await IdleAsync();
        var week2 = Optional(2, 0);
        var week3 = Optional(3, 0);
        var week5 = Optional(5, 0);

        await EditOnDiskAsync(MakeRequired(week2.Key!), MakeRequired(week3.Key!), MakeRequired(week5.Key!));
        await Eventually.WaitUntilAsync(() => Api.Edits.Count == 2 && Slack.To("chat.update").Count() == 1, "the week 3 announcement edited on every channel");
        await IdleAsync();
        var first = NoticeFinished();
        _clock.Advance(NoticeDelay);
        var firstChanges = await first;
        Assert.True(Sent(3));

        // Only the week 3 announcements were edited (the week 2 ones are past, week 5 was not announced yet).
        Assert.Equal(
            new[] { Message(DiscordChannel, 1), Message(SecondDiscordChannel, 1) }.Order(),
            Api.Edits.Select(e => e.MessageId).Order());
        Assert.All(Api.Edits, e => Assert.Contains(week3.Title!, e.Body.GetRawText()));
        var update = Assert.Single(Slack.To("chat.update"));
        Assert.Equal(Slack.MessagesIn(SlackChannel)[1]["ts"]!.GetValue<string>(), update.Body["ts"]!.GetValue<string>());
        Assert.Equal(3, firstChanges.Weeks.Count);
        foreach (var notice in new[] { Text(DiscordChannel, 2), Text(SecondDiscordChannel, 2), Slack.MessagesIn(SlackChannel)[2].ToJsonString() })
        {
            Assert.Contains("What changed", notice);
            Assert.Contains("Week 2", notice);
            Assert.Contains("Week 3", notice);
            Assert.Contains("Week 5", notice);
            Assert.Contains(week3.Title!, notice);
        }

        // A second burst, in weeks not announced yet: two edits within the delay give one notice that covers both.
        var week6 = Optional(6, 0);
        var week4 = Optional(4, 0);
        await EditOnDiskAsync(MakeRequired(week6.Key!));
        _clock.Advance(TimeSpan.FromSeconds(30));
        await EditOnDiskAsync(MakeRequired(week4.Key!));
        await IdleAsync();
        var secondRound = NoticeFinished();
        _clock.Advance(NoticeDelay);
        var secondChanges = await secondRound;

        Assert.Equal(2, secondChanges.Weeks.Count);
        var second = Text(DiscordChannel, 3);
        Assert.Contains(week6.Title!, second);
        Assert.Contains(week4.Title!, second);
        Assert.DoesNotContain(week5.Title!, second);
        Assert.Equal(2, Api.Edits.Count); // weeks 4 and 6 are not announced yet: nothing sent to edit
        Assert.Single(Slack.To("chat.update"));
        Assert.True(Sent(4));
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_round_and_of_the_wait_edits_nothing_twice_finishes_the_round_and_posts_the_notice_once()
    {
        _clock = new TimerSignals(new DateTimeOffset(2025, 9, 8, 13, 59, 0, TimeSpan.Zero));
        await StartAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.WaitUntilAsync(() => Sent(1), "the week 3 announcement on every channel");
        await IdleAsync();
        var week3 = Optional(3, 0);

        // The second channel refuses the edit; the others are edited, and the bot stops before the notice's wait ends.
        Api.ForbiddenChannels.Add(SecondDiscordChannel);
        await EditOnDiskAsync(MakeRequired(week3.Key!));
        await Eventually.WaitUntilAsync(
            () => Api.Edits.Count == 1 && Slack.To("chat.update").Count() == 1 && Api.To(FakeDiscordApi.EditTemplate).Any(r => r.Path.Contains(SecondDiscordChannel, StringComparison.Ordinal)),
            "the round's edits, one refused");
        await _clock.WaitForTimerAsync(NoticeDelay); // the notice's wait started; the bot stops inside it
        await IdleAsync();
        await StoppedHost.StopAndDisposeAsync(_app!);
        _app = null;
        Api.ForbiddenChannels.Remove(SecondDiscordChannel);
        _clock.Advance(TimeSpan.FromMinutes(1));

        await StartAsync();
        await Eventually.WaitUntilAsync(() => Api.Edits.Count == 2, "the rest of the round after the restart");
        await IdleAsync();
        await _clock.WaitForTimerAsync(NoticeDelay);
        var notice = NoticeFinished();
        _clock.Advance(NoticeDelay);
        var changes = await notice;
        Assert.Contains(week3.Title!, changes.ToString());

        Assert.Equal(
            new[] { Message(DiscordChannel, 0), Message(SecondDiscordChannel, 0) }.Order(),
            Api.Edits.Select(e => e.MessageId).Order());
        Assert.Single(Slack.To("chat.update"));
        Assert.Contains(week3.Title!, Text(SecondDiscordChannel, 1));
        Assert.Contains("What changed", Slack.MessagesIn(SlackChannel)[1].ToJsonString());
        Assert.True(Sent(2));
    }

    /// <summary>True when every channel has exactly <paramref name="count"/> messages.</summary>
    private bool Sent(int count) =>
        Count(DiscordChannel) == count && Count(SecondDiscordChannel) == count && Slack.MessagesIn(SlackChannel).Count == count;

    private int Count(string channel) => Api.Channels.TryGetValue(channel, out var messages) ? messages.Count : 0;

    private string Message(string channel, int index) => Api.Channels[channel][index].Id;

    private string Text(string channel, int index) => Api.Channels[channel][index].Body.GetRawText();

    /// <summary>The week's n-th optional reading in the version served now.</summary>
    private Reading Optional(int week, int n)
    {
        var course = _app!.Services.GetRequiredService<CourseCatalog>().Find("cs395t")!;
        return course.Calendar.Weeks.Single(w => w.Number == week).Readings.Where(r => !r.Requirement.IsRequired && r.Key is not null && r.Title is not null).ElementAt(n);
    }

    private static (string Old, string New) MakeRequired(string key) =>
        ($"key=\"{key}\" %}}", $"key=\"{key}\" required=true %}}");

    /// <summary>Edits the reading list on disk, then lets the refresh interval pass until the bot serves the new version.</summary>
    private async Task EditOnDiskAsync(params (string Old, string New)[] edits)
    {
        var catalog = _app!.Services.GetRequiredService<CourseCatalog>();
        var before = catalog.StatusOf("cs395t")!.Version;
        var text = await File.ReadAllTextAsync(ReadingList);
        foreach (var (old, replacement) in edits)
        {
            Assert.Equal(1, text.Split(old).Length - 1);
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(ReadingList, text);
        _clock.Advance(RefreshInterval);
        // A changed file is read again after the settle time until two reads agree: that time passes meanwhile.
        await TickUntilAsync(() => catalog.StatusOf("cs395t")!.Version != before, SettleTime, "the refresh serving the edited reading list");
    }

    /// <summary>
    /// Waits for <paramref name="condition"/>, moving the clock by <paramref name="step"/> each time it does not hold
    /// yet: for what waits on the bot's clock a moment of its own (a file settling, Slack's second between posts).
    /// </summary>
    private Task TickUntilAsync(Func<bool> condition, TimeSpan step, string what) =>
        Eventually.WaitUntilAsync(
            () =>
            {
                if (condition())
                {
                    return true;
                }

                _clock.Advance(step);
                return false;
            },
            what);

    /// <summary>Waits until the ledger holds no claim: every send and edit in flight was answered and recorded.</summary>
    private async Task IdleAsync()
    {
        var ledger = _app!.Services.GetRequiredService<IPostingLedger>();
        await Eventually.WaitUntilAsync(
            async () => (await ledger.ListAsync(null, CancellationToken.None)).All(r => r.State != PostState.Sending && r.EditClaimant is null),
            "every post and edit in flight to be recorded");
    }

    /// <summary>Completes when the next notice round finished with nothing left owed (all its messages answered).</summary>
    private Task<CourseChanges> NoticeFinished()
    {
        var notices = _app!.Services.GetRequiredService<ChangeNotices>();
        var finished = new TaskCompletionSource<CourseChanges>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFinished(string courseId, CourseChanges changes)
        {
            if (!changes.IsEmpty && finished.TrySetResult(changes))
            {
                notices.Finished -= OnFinished;
            }
        }

        notices.Finished += OnFinished;
        return finished.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task StartAsync()
    {
        // Slack's one post a second per channel is kept on the bot's clock, as the bot paces itself by it.
        _fakeSlack ??= await FakeSlack.StartAsync(_clock);
        var settings = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscordApi.Token,
            ["Discord:ApplicationId"] = FakeDiscordApi.ApplicationId,
            ["Discord:PublicKey"] = Convert.ToHexStringLower(_discordKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            ["Discord:Mode"] = "http",
            ["Discord:ApiBaseUrl"] = Api.ApiBaseUrl.ToString(),
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:SigningSecret"] = SlackBotHost.SigningSecret,
            ["Slack:Mode"] = "http",
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
            ["Storage:DataDirectory"] = Path.Combine(Data.Path, "data"),
            ["Posting:ChangeNoticeDelay"] = NoticeDelay.ToString(),
            ["Courses:RefreshInterval"] = RefreshInterval.ToString(),
            ["Courses:SettleTime"] = SettleTime.ToString(),
        };
        var (app, _) = await InProcessBot.StartAsync(settings, _config, services => services.AddSingleton<TimeProvider>(_clock));
        _app = app;

        // The schedule is made in the background after start; making it again is a no-op, and awaiting it is the signal.
        var catalog = app.Services.GetRequiredService<CourseCatalog>();
        var sync = app.Services.GetServices<IHostedService>().OfType<PostScheduleSync>().Single();
        await sync.SyncAsync(catalog.Find("cs395t")!, CancellationToken.None);
    }
}
