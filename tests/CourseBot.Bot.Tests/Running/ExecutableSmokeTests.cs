using System.Globalization;
using System.Net;
using System.Text.Json;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Testing;
using NSec.Cryptography;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// The smoke suite: what a user does with the executable, each against the built <c>coursebot</c> — in CI the
/// native executable it publishes (<see cref="BotProcess.ExecutableVariable"/>), locally the JIT build. Also in
/// it, elsewhere: <c>run</c> to <c>/readyz</c> 200 then SIGTERM → 0 (<see cref="RunCommandTests"/>) and the
/// scheduled post on PostgreSQL (<see cref="ExecutableSmokePostgresTests"/>).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class ExecutableSmokeTests : IDisposable
{
    private const string Channel = "1200000000000000001";
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Validate_checks_the_sample_course_and_counts_what_it_holds()
    {
        using var validate = await BotProcess.RunToEndAsync(_work.Path, null, "validate", "--config", CliRun.SampleConfig);

        Assert.True(validate.ExitCode == 0, validate.Described($"exited with {validate.ExitCode}"));
        Assert.Contains("papers.yaml:55:1: warning: paper key \"alpa-osdi22\" is defined twice, on lines 37 and 55", validate.Output);
        // reading_list.md: 8 #### topics plus Part 3's papers, 49 includes plus the Llama 3 <li>; Aug 25 to Dec 4 is 15 weeks, Thanksgiving's unnumbered.
        Assert.Contains("cs395t: 9 topics, 50 readings, 14 weeks plus 1 unnumbered holiday week", validate.Output);
        Assert.Contains("0 errors, 1 warning", validate.Output);
    }

    [Fact]
    public async Task Ask_answers_reading_week3_with_the_post_training_papers()
    {
        using var ask = await BotProcess.RunToEndAsync(_work.Path, null, "ask", "/reading week3", "--config", CliRun.SampleConfig, "--at", "2025-09-10");

        Assert.True(ask.ExitCode == 0, ask.Described($"exited with {ask.ExitCode}"));
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", ask.Output);
        Assert.Contains("HybridFlow: A Flexible and Efficient RLHF Framework", ask.Output);
        Assert.Contains("https://dl.acm.org/doi/10.1145/3689031.3696075", ask.Output);
        Assert.Contains("(Required - Resource Efficiency)", ask.Output);
    }

    [Fact]
    public async Task Export_writes_the_parsed_reading_list_as_json()
    {
        using var export = await BotProcess.RunToEndAsync(_work.Path, null, "export", "--config", CliRun.SampleConfig);

        Assert.True(export.ExitCode == 0, export.Described($"exited with {export.ExitCode}"));
        using var json = JsonDocument.Parse(export.Output);
        var sections = json.RootElement.GetProperty("sections").EnumerateArray().ToArray();
        Assert.Equal(9, sections.Length);
        Assert.Equal("Part 1 - LLMs: Backbone of Modern AI", sections[0].GetProperty("part").GetString());
        Assert.Equal("Introduction", sections[0].GetProperty("topic").GetString());
        Assert.Equal("Part 3 - GenAI for Systems", sections[8].GetProperty("part").GetString());
        Assert.Equal(50, sections.Sum(s => s.GetProperty("entries").GetArrayLength()));
        Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public async Task A_signed_discord_interaction_is_answered_in_http_mode()
    {
        await using var api = await FakeDiscordApi.StartAsync();
        using var key = DiscordKey();
        var (bot, address) = await BotProcess.StartReadyAsync(_work.Path, DiscordHttpMode(api, key, _work.Path), "--config", CliRun.SampleConfig);
        using var _ = bot;
        using var http = new HttpClient { BaseAddress = address };

        using var response = await http.SendAsync(DiscordBotHost.SignedRequest(InteractionJson.Command("reading", ("week", "3")), key));

        Assert.True(response.StatusCode == HttpStatusCode.OK, bot.Described($"answered {response.StatusCode}"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(CallbackType.Message, json.RootElement.GetProperty("type").GetInt32());
        var embeds = json.RootElement.GetProperty("data").GetProperty("embeds");
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", embeds[0].GetProperty("title").GetString());
        Assert.Contains("[HybridFlow: A Flexible and Efficient RLHF Framework](https://dl.acm.org/doi/10.1145/3689031.3696075)", embeds.GetRawText());
        await StopWithExitCode0Async(bot);
    }

    [Fact]
    public async Task A_signed_slack_slash_command_is_answered_in_http_mode()
    {
        await using var slack = await FakeSlack.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Slack__BotToken"] = FakeSlack.BotToken,
            ["Slack__SigningSecret"] = SlackBotHost.SigningSecret,
            ["Slack__Mode"] = "http",
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Storage__DataDirectory"] = Path.Combine(_work.Path, "data"),
        };
        var (bot, address) = await BotProcess.StartReadyAsync(_work.Path, environment, "--config", CliRun.SampleConfig);
        using var _ = bot;
        using var http = new HttpClient { BaseAddress = address };
        var form = SlackBotHost.Form("/reading", "week3", "USTUDENT01", slack.ResponseUrl("smoke"));

        using var response = await http.SendAsync(SlackBotHost.SignedRequest("/slack/commands", form, "application/x-www-form-urlencoded"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, bot.Described($"answered {response.StatusCode}"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        var blocks = json.RootElement.GetProperty("blocks");
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", blocks[0].GetProperty("text").GetProperty("text").GetString());
        var text = string.Concat(blocks.EnumerateArray().Select(b => b.TryGetProperty("text", out var t) && t.TryGetProperty("text", out var s) ? s.GetString() : ""));
        Assert.Contains("<https://dl.acm.org/doi/10.1145/3689031.3696075|HybridFlow: A Flexible and Efficient RLHF Framework>", text);
        await StopWithExitCode0Async(bot);
    }

    [Fact]
    public Task A_scheduled_post_is_sent_and_recorded_in_the_sqlite_ledger() =>
        AScheduledPostIsSentAndRecordedAsync(_work.Path, new Dictionary<string, string>());

    /// <summary>
    /// Runs the bot on real time with a course whose only post is due a few seconds after the start, waits for
    /// the fake Discord to receive it, stops the bot, and reads the ledger back with <c>coursebot posts</c>.
    /// </summary>
    internal static async Task AScheduledPostIsSentAndRecordedAsync(string work, Dictionary<string, string> storage)
    {
        await using var api = await FakeDiscordApi.StartAsync();
        using var key = DiscordKey();
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var due = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(20), chicago);
        var date = DateOnly.FromDateTime(due.DateTime);
        var week = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        var config = CourseCopy.Create(work, text => DueOnce(text, due, firstMonday: week.AddDays(-7)));
        Dictionary<string, string> environment = new(DiscordHttpMode(api, key, work).Concat(storage));

        var (bot, _) = await BotProcess.StartReadyAsync(work, environment, "--config", config);
        using (bot)
        {
            await bot.WaitWhileRunningAsync(
                () => Task.FromResult(api.To("/channels/{channel_id}/messages").FirstOrDefault(r => r.Method == "POST")),
                "the announcement reaching the fake Discord",
                TimeSpan.FromMinutes(3));
            await StopWithExitCode0Async(bot);
        }

        var message = Assert.Single(api.Channels[Channel]);
        // Week 2 of the term, whose topic (the second in the reading list) is Scaling LLM Pre-Training.
        Assert.Contains("Scaling LLM Pre-Training", message.Body.GetRawText());
        using var posts = await BotProcess.RunToEndAsync(work, storage, "posts", "--config", config, "--format", "json");
        Assert.True(posts.ExitCode == 0, posts.Described($"exited with {posts.ExitCode}"));
        using var ledger = JsonDocument.Parse(posts.Output);
        var record = Assert.Single(ledger.RootElement.EnumerateArray(), r => r.GetProperty("platform").GetString() == "discord");
        Assert.Equal("sent", record.GetProperty("state").GetString());
        Assert.Equal("announcement", record.GetProperty("kind").GetString());
        Assert.Equal(week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), record.GetProperty("slot").GetString());
        Assert.Equal(Channel, record.GetProperty("channel").GetString());
        Assert.Equal(message.Id, record.GetProperty("messageId").GetString());
    }

    /// <summary>The sample course file made into a term around today whose one post (no reminders, no leads) is due at <paramref name="due"/>.</summary>
    private static string DueOnce(string course, DateTimeOffset due, DateOnly firstMonday)
    {
        var cron = string.Create(CultureInfo.InvariantCulture, $"{due.Second} {due.Minute} {due.Hour} {due.Day} {due.Month} ? {due.Year}");

        // Without discussion leads, so the announcement is the one post (no roster beside it).
        course = System.Text.RegularExpressions.Regex.Replace(course, @"^leads:.*\n(?:[ ]+.*\n)*", "", System.Text.RegularExpressions.RegexOptions.Multiline);
        return Replaced(course,
            ("firstMonday: 2025-08-25", $"firstMonday: {firstMonday:yyyy-MM-dd}"),
            ("lastDay: 2025-12-04", $"lastDay: {firstMonday.AddDays(32):yyyy-MM-dd}"),
            ("holidays:\n  - { name: Thanksgiving break, from: 2025-11-24, to: 2025-11-30 }", "holidays: []"),
            ("\"0 0 9 ? * MON\"", $"\"{cron}\""),
            ("reminders: [\"3h\"]", "reminders: []"),
            ("discord: []", $"discord: [\"{Channel}\"]"));
    }

    private static string Replaced(string text, params (string Old, string New)[] edits)
    {
        foreach (var (old, replacement) in edits)
        {
            Assert.True(text.Contains(old, StringComparison.Ordinal), $"the sample course file no longer has {old}");
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Discord HTTP-interactions mode against the fake API; <paramref name="key"/>'s public half is the bot's public key setting.</summary>
    private static Dictionary<string, string> DiscordHttpMode(FakeDiscordApi api, Key key, string work) => new()
    {
        ["Discord__BotToken"] = FakeDiscordApi.Token,
        ["Discord__ApplicationId"] = FakeDiscordApi.ApplicationId,
        ["Discord__PublicKey"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
        ["Discord__Mode"] = "http",
        ["Discord__ApiBaseUrl"] = api.ApiBaseUrl.ToString(),
        ["Storage__DataDirectory"] = Path.Combine(work, "data"),
    };

    private static Key DiscordKey() => Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    private static async Task StopWithExitCode0Async(WatchedProcess bot)
    {
        await bot.TerminateAsync();
        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, bot.Described($"exited with {exitCode} on SIGTERM"));
    }
}
