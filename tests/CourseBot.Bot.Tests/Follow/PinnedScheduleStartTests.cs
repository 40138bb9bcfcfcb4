using System.Text.Json;
using System.Text.RegularExpressions;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Calendar;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Follow;

/// <summary>
/// The whole bot with the sample course and <c>channels.pinSchedule: true</c>: the schedule goes out and is pinned
/// when the bot starts serving the course, without waiting for an edit; and the real term fits one message.
/// </summary>
public sealed class PinnedScheduleStartTests : WithFakeDiscord
{
    private const string Channel = "1200000000000000021";
    private readonly TempDirectory _config = new();

    public override async Task DisposeAsync()
    {
        _config.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_bot_starting_with_pinSchedule_posts_and_pins_the_schedule_and_readyz_shows_no_refusal()
    {
        CopyDirectory(CliRun.SampleConfig, _config.Path);
        var file = Path.Combine(_config.Path, "cs395t.yaml");
        var text = Regex.Replace(File.ReadAllText(file), @"  discord: \[\][^\n]*", $"  discord: [\"{Channel}\"]\n  pinSchedule: true");
        File.WriteAllText(file, text);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));

        await using var bot = await DiscordBotHost.StartAsync(Api, Data.Path, configDirectory: _config.Path, replace: services => services.AddSingleton<TimeProvider>(clock));
        var pinned = await Eventually.WaitForAsync(() => Api.PinnedIn(Channel) is [var first, ..] ? first : null, "the schedule pinned");

        var message = Api.Find(Channel, pinned);
        Assert.NotNull(message);
        Assert.StartsWith("Schedule · CS 395T", message.Body.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("Thanksgiving break", message.Body.GetRawText());
        Assert.Single(Api.To(FakeDiscordApi.PinTemplate));
        using var readyz = await bot.Http.GetAsync("/readyz");
        using var ready = JsonDocument.Parse(await readyz.Content.ReadAsStringAsync());
        Assert.Empty(ready.RootElement.GetProperty("pinnedSchedule").GetProperty("pinRefused").EnumerateObject());
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task The_sample_terms_schedule_fits_one_message_on_discord_and_on_slack_so_it_can_be_edited()
    {
        var reply = PinnedScheduleReply.Create(await CalendarFixtures.SampleAsync());

        Assert.Single(DiscordReplyRenderer.Render(reply, reserved: DiscordPostDelivery.Marker("0123456789abcdef01234567").Length));
        Assert.Single(SlackReplyRenderer.Render(reply));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
