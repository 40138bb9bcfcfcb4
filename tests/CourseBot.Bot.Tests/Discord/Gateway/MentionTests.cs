using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Discord.Gateway;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord.Gateway;

/// <summary>
/// Questions asked in messages, gateway mode, the whole bot: MESSAGE_CREATE from the fake gateway, the reply
/// posted to the fake API and checked against Discord's spec. The bot's clock is fake (Wednesday of week 3),
/// so the per-user limit's minute passes only when a test moves it.
/// </summary>
public sealed class MentionTests : WithFakeDiscord
{
    private const string Messages = "/channels/{channel_id}/messages";

    /// <summary>The course's channel; also where <see cref="InteractionJson"/>'s slash commands are typed.</summary>
    private const string CourseChannel = InteractionJson.Channel;

    private const string Guild = InteractionJson.Guild;
    private const string DirectChannel = "1250000000000000001";
    private const string Student = "1600000000000000001";
    private const string OtherStudent = "1600000000000000002";
    private const string Bot = FakeDiscordGateway.BotUserId;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));
    private FakeDiscordGateway _gateway = null!;
    private DiscordBotHost? _bot;
    private long _nextMessage = 1_450_000_000_000_000_000;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gateway = await FakeDiscordGateway.StartAsync();
        Api.GatewayUrl = _gateway.Url;

        // The fake's per-channel window runs on the real clock; the bot waits out a 429 on its fake one.
        Api.ChannelLimit = 100;
    }

    public override async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_mention_in_the_course_channel_is_answered_with_a_reply_that_pings_no_one()
    {
        await StartBotAsync();

        var reading = await MentionAsync(CourseChannel, Student, $"<@{Bot}> /reading week3");
        var required = await MentionAsync(CourseChannel, Student, $"<@!{Bot}> required week 3");

        var readingReply = await ReplyToAsync(CourseChannel, reading);
        var requiredReply = await ReplyToAsync(CourseChannel, required);
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        foreach (var (reply, asked) in new[] { (readingReply, reading), (requiredReply, required) })
        {
            var reference = reply.GetProperty("message_reference");
            Assert.Equal(asked, reference.GetProperty("message_id").GetString());
            Assert.Equal(CourseChannel, reference.GetProperty("channel_id").GetString());
            Assert.False(reference.GetProperty("fail_if_not_exists").GetBoolean());
            var mentions = reply.GetProperty("allowed_mentions");
            Assert.Equal(0, mentions.GetProperty("parse").GetArrayLength());
            Assert.False(mentions.GetProperty("replied_user").GetBoolean());
            Assert.True(reply.GetProperty("enforce_nonce").GetBoolean());
        }

        // Week 3 requires HybridFlow; RLHFuse ("Stage Fusion") is optional, so /required leaves its entry out
        // (the line of which class discusses which paper still names it by its short name).
        const string StageFusion = "Optimizing RLHF Training for Large Language Models with Stage Fusion";
        Assert.Contains("HybridFlow", readingReply.GetRawText());
        Assert.Contains(StageFusion, readingReply.GetRawText());
        Assert.Contains("HybridFlow", requiredReply.GetRawText());
        Assert.DoesNotContain(StageFusion, requiredReply.GetRawText());

        using var ready = await ReadyzAsync();
        Assert.Equal("on", ready.RootElement.GetProperty("discord").GetProperty("mentions").GetString());
    }

    [Fact]
    public async Task A_direct_message_is_answered_without_a_mention()
    {
        await StartBotAsync();

        var asked = await SendAsync(Message(DirectChannel, Student, "reading week 3", guild: null));

        var reply = await ReplyToAsync(DirectChannel, asked);
        Assert.Contains("HybridFlow", reply.GetRawText());
        Assert.Equal(asked, reply.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task Messages_from_bots_edits_and_messages_that_do_not_mention_the_bot_are_not_answered()
    {
        await StartBotAsync();

        await SendAsync(Message(CourseChannel, Bot, $"<@{Bot}> /reading week3", mentions: [Bot], bot: true));
        await SendAsync(Message(CourseChannel, "1700000000000000001", $"<@{Bot}> /reading week3", mentions: [Bot], bot: true));
        await SendAsync(Message(CourseChannel, Student, "/reading week3"));
        await _gateway.DispatchAsync("MESSAGE_UPDATE", Message(CourseChannel, Student, $"<@{Bot}> /reading week3", mentions: [Bot]));
        var marker = await MentionAsync(CourseChannel, Student, $"<@{Bot}> schedule");

        await ReplyToAsync(CourseChannel, marker);
        await SettledAsync();
        var posted = Assert.Single(Posted(CourseChannel));
        Assert.Equal(marker, posted.GetProperty("message_reference").GetProperty("message_id").GetString());
    }

    [Fact]
    public async Task A_message_the_gateway_delivers_again_after_a_resume_is_answered_once()
    {
        await StartBotAsync();
        var question = Message(CourseChannel, Student, $"<@{Bot}> /reading week3", mentions: [Bot]);
        var asked = await SendAsync(question);
        await ReplyToAsync(CourseChannel, asked);

        // Discord asks for a reconnect; the bot resumes and Discord replays what it may have missed.
        await _gateway.SendAsync(GatewayOpcode.Reconnect);
        await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Resume).FirstOrDefault(), "the Resume");
        await _gateway.DispatchAsync("MESSAGE_CREATE", question.DeepClone());
        var marker = await MentionAsync(CourseChannel, Student, $"<@{Bot}> schedule");

        await ReplyToAsync(CourseChannel, marker);
        await SettledAsync();
        Assert.Single(Posted(CourseChannel), p => p.GetProperty("message_reference").GetProperty("message_id").GetString() == asked);

        // Not even sent again (the nonce would stop a second copy at Discord, but the bot does not rely on it).
        Assert.Equal(2, Api.To(Messages).Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task A_student_asking_too_often_is_told_once_and_answered_again_a_minute_later()
    {
        await StartBotAsync();

        var asked = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            asked.Add(await MentionAsync(CourseChannel, Student, $"<@{Bot}> /reading week3"));
        }

        var other = await MentionAsync(CourseChannel, OtherStudent, $"<@{Bot}> /reading week3");
        await ReplyToAsync(CourseChannel, other);
        for (var i = 0; i < 6; i++)
        {
            await ReplyToAsync(CourseChannel, asked[i]);
        }

        await SettledAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("HybridFlow", (await ReplyToAsync(CourseChannel, asked[i])).GetRawText());
        }

        var note = await ReplyToAsync(CourseChannel, asked[5]);
        Assert.Contains("5 questions a minute", note.GetRawText());
        Assert.DoesNotContain("HybridFlow", note.GetRawText());
        Assert.Null(ReplyTo(CourseChannel, asked[6]));
        Assert.Equal(7, Posted(CourseChannel).Length);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var later = await MentionAsync(CourseChannel, Student, $"<@{Bot}> /reading week3");
        Assert.Contains("HybridFlow", (await ReplyToAsync(CourseChannel, later)).GetRawText());
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task A_course_with_answerMentions_false_leaves_mentions_unanswered_but_still_answers_slash_commands()
    {
        const string OtherCourseChannel = "1200000000000000020";
        const string NoCourseChannel = "1200000000000000099";
        var config = CourseCopy.Create(Data.Path, course => course
            .Replace("discord: []", $"discord: [\"{CourseChannel}\"]", StringComparison.Ordinal)
            .Replace("studentReplies: private", "studentReplies: private\nanswerMentions: false", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(config, "cs2.yaml"), File.ReadAllText(Path.Combine(config, "cs395t.yaml"))
            .Replace("id: cs395t", "id: cs2", StringComparison.Ordinal)
            .Replace($"discord: [\"{CourseChannel}\"]", $"discord: [\"{OtherCourseChannel}\"]", StringComparison.Ordinal)
            .Replace("answerMentions: false", "answerMentions: true", StringComparison.Ordinal));
        await StartBotAsync(config);

        await MentionAsync(CourseChannel, Student, $"<@{Bot}> /reading week3");
        await MentionAsync(NoCourseChannel, Student, $"<@{Bot}> /reading week3");
        var marker = await MentionAsync(OtherCourseChannel, Student, $"<@{Bot}> /reading week3");
        await _gateway.DispatchAsync("INTERACTION_CREATE", JsonNode.Parse(InteractionJson.Command("reading", ("week", "3"))));

        Assert.Contains("HybridFlow", (await ReplyToAsync(OtherCourseChannel, marker)).GetRawText());
        var callback = await Eventually.WaitForAsync(() => Api.To("/interactions/{interaction_id}/{interaction_token}/callback").FirstOrDefault(), "the slash command's answer");
        Assert.Contains("HybridFlow", callback.Body!.Value.GetRawText());
        await SettledAsync();
        Assert.Empty(Posted(CourseChannel));
        Assert.Empty(Posted(NoCourseChannel));

        using var ready = await ReadyzAsync();
        Assert.Equal("on, except in cs395t (answerMentions: false)", ready.RootElement.GetProperty("discord").GetProperty("mentions").GetString());
    }

    [Fact]
    public async Task In_http_interactions_mode_readyz_says_mentions_are_off_and_why()
    {
        _bot = await DiscordBotHost.StartAsync(Api, Data.Path, mode: "http");

        using var ready = await ReadyzAsync();

        Assert.Equal("off: HTTP interactions mode cannot receive messages", ready.RootElement.GetProperty("discord").GetProperty("mentions").GetString());
    }

    private async Task StartBotAsync(string? config = null)
    {
        _bot = await DiscordBotHost.StartAsync(Api, Data.Path, mode: "gateway", configDirectory: config, replace: services => services.AddSingleton<TimeProvider>(_clock));
        var client = _bot.Services.GetRequiredService<DiscordGatewayClient>();
        await Eventually.WaitUntilAsync(() => client.State == GatewayState.Ready, "the gateway to be ready");
    }

    /// <summary>The details of /readyz, ready (200) or not yet (503: e.g. the courses still loading).</summary>
    private async Task<JsonDocument> ReadyzAsync()
    {
        using var response = await _bot!.Http.GetAsync("/readyz");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A student's message mentioning the bot; returns its id.</summary>
    private Task<string> MentionAsync(string channel, string author, string content) =>
        SendAsync(Message(channel, author, content, mentions: [Bot]));

    private async Task<string> SendAsync(JsonObject message)
    {
        await _gateway.DispatchAsync("MESSAGE_CREATE", message);
        return (string)message["id"]!;
    }

    /// <summary>A message object as MESSAGE_CREATE carries it (resources/message.mdx); no guild for a DM.</summary>
    private JsonObject Message(string channel, string author, string content, string? guild = Guild, string[]? mentions = null, bool bot = false)
    {
        var message = new JsonObject
        {
            ["id"] = Interlocked.Increment(ref _nextMessage).ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = channel,
            ["type"] = 0,
            ["content"] = content,
            ["timestamp"] = "2025-09-10T15:00:00.000000+00:00",
            ["tts"] = false,
            ["mention_everyone"] = false,
            ["author"] = bot
                ? new JsonObject { ["id"] = author, ["username"] = "somebot", ["bot"] = true }
                : new JsonObject { ["id"] = author, ["username"] = "student" },
            ["mentions"] = new JsonArray((mentions ?? []).Select(id => (JsonNode)new JsonObject { ["id"] = id, ["username"] = "CourseBot", ["bot"] = true }).ToArray()),
        };
        if (guild is not null)
        {
            message["guild_id"] = guild;
        }

        return message;
    }

    private async Task<JsonElement> ReplyToAsync(string channel, string messageId) =>
        (await Eventually.WaitForAsync(() => ReplyTo(channel, messageId) is { } reply ? new Box(reply) : null, $"the reply to {messageId}")).Body;

    private JsonElement? ReplyTo(string channel, string messageId) =>
        Posted(channel).Where(p => p.TryGetProperty("message_reference", out var r) && r.GetProperty("message_id").GetString() == messageId)
            .Select(p => (JsonElement?)p).FirstOrDefault();

    /// <summary>The bodies of messages the bot posted to a channel, in order.</summary>
    private JsonElement[] Posted(string channel)
    {
        if (!Api.Channels.TryGetValue(channel, out var messages))
        {
            return [];
        }

        lock (messages)
        {
            return messages.Select(m => m.Body).ToArray();
        }
    }

    /// <summary>Every answer the bot started has been posted (or failed): nothing more can arrive.</summary>
    private Task SettledAsync() =>
        Eventually.WaitUntilAsync(() => _bot!.Services.GetRequiredService<BackgroundWork>().InFlight == 0, "the answers to finish");

    private sealed record Box(JsonElement Body);
}
