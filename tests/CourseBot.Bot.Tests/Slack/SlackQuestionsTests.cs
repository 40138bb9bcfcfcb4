using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>
/// Questions by <c>app_mention</c> and direct message (<c>message.im</c>), delivered over HTTP or Socket Mode:
/// answered with <c>chat.postMessage</c> (checked against the Web API spec by the fake), a mention in its
/// thread; bots, edits and repeats not answered; a flood answered politely once. The bot's clock is virtual:
/// Wednesday of week 3 of the sample term.
/// </summary>
public abstract class SlackQuestionsSetup : WithFakeSlack
{
    protected const string CourseChannel = "C0COURSE";

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));

    protected SlackBotHost Bot { get; private set; } = null!;

    protected abstract string Mode { get; }

    /// <summary>The sample course with <see cref="CourseChannel"/> as its Slack channel; a test class may change more.</summary>
    protected virtual string EditCourse(string course) => course.Replace("slack: []", $"slack: [\"{CourseChannel}\"]", StringComparison.Ordinal);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var config = CourseCopy.Create(Data.Path, EditCourse);
        Bot = await SlackBotHost.StartAsync(Slack, Data.Path, Mode, config, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Pings and timeouts on the virtual clock, far enough apart that moving it fires none.
            services.AddSingleton(new SocketModeTimings { PingInterval = TimeSpan.FromHours(1), PingTimeout = TimeSpan.FromHours(1), ConnectTimeout = TimeSpan.FromHours(1), FirstBackoff = TimeSpan.FromMilliseconds(50) });
        });
        if (Mode == "socket")
        {
            var socketMode = Bot.Services.GetRequiredService<SlackSocketMode>();
            await Eventually.WaitForAsync(() => socketMode.IsConnected ? "connected" : null, "the socket's hello");
        }
    }

    public override async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await base.DisposeAsync();
    }

    protected JsonElement ReadinessReport()
    {
        var readiness = new SlackReadiness(
            Bot.Services.GetRequiredService<IOptions<SlackOptions>>(), Bot.Services.GetRequiredService<SlackPostDelivery>(), [], Bot.Services.GetRequiredService<SlackQuestions>());
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            readiness.WriteAsync(json, CancellationToken.None).GetAwaiter().GetResult();
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    /// <summary>An event as Slack delivers it: over HTTP signed (a retry with <c>X-Slack-Retry-Num</c>), over the socket in an envelope (with <c>retry_attempt</c>).</summary>
    protected async Task DeliverAsync(JsonObject callback, int retry = 0)
    {
        if (Mode == "socket")
        {
            var envelope = $"env-{Guid.NewGuid():N}";
            await Slack.SendEnvelopeAsync("events_api", callback, envelope, retry);
            await Eventually.WaitForAsync(() => Slack.Acks.Any(a => a.Ack["envelope_id"]?.GetValue<string>() == envelope) ? "acked" : null, $"the ack of {envelope}");
            return;
        }

        using var response = await Bot.SendAsync("/slack/events", callback.ToJsonString(), "application/json", tamper: request =>
        {
            if (retry > 0)
            {
                request.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
            }
        }, at: Clock.GetUtcNow());
        Assert.Equal(200, (int)response.StatusCode);
    }

    /// <summary>Every delivery so far has been handled to the end (the bot's tracked work is done).</summary>
    protected Task AllHandledAsync()
    {
        var background = Bot.Services.GetRequiredService<BackgroundWork>();
        return Eventually.WaitForAsync(() => background.InFlight == 0 ? "done" : null, "the deliveries to be handled");
    }

    protected Task<SlackCall> PostToAsync(string channel) =>
        Eventually.WaitForAsync(() => Slack.To("chat.postMessage").FirstOrDefault(c => c.Body["channel"]?.GetValue<string>() == channel), $"chat.postMessage to {channel}");

    protected static JsonObject Callback(string eventId, JsonObject inner) => new()
    {
        ["token"] = "deprecated", ["team_id"] = "T0FAKE", ["api_app_id"] = "A0FAKE", ["type"] = "event_callback",
        ["event_id"] = eventId, ["event_time"] = 1757516400, ["event"] = inner,
    };

    protected static JsonObject Mention(string text, string channel, string ts, string user = "USTUDENT01", string? threadTs = null)
    {
        var mention = new JsonObject { ["type"] = "app_mention", ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel, ["event_ts"] = ts, ["team"] = "T0FAKE" };
        if (threadTs is not null)
        {
            mention["thread_ts"] = threadTs;
        }

        return mention;
    }

    protected static JsonObject DirectMessage(string text, string channel, string ts, string user = "USTUDENT01") => new()
    {
        ["type"] = "message", ["channel_type"] = "im", ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel, ["event_ts"] = ts, ["team"] = "T0FAKE",
    };
}

/// <summary>What every transport must do with questions; run over HTTP and over Socket Mode.</summary>
public abstract class SlackQuestionsTests : SlackQuestionsSetup
{
    [Fact]
    public async Task A_mention_is_answered_in_the_thread_of_the_message()
    {
        await DeliverAsync(Callback("Ev0MENTION1", Mention("<@U0BOT> /reading week3", CourseChannel, "1757516400.000100")));

        var post = await PostToAsync(CourseChannel);
        Assert.Equal("1757516400.000100", post.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("HybridFlow", post.Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(FakeSlack.BotToken, post.Token);
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
    }

    [Fact]
    public async Task A_mention_inside_a_thread_is_answered_in_that_thread()
    {
        await DeliverAsync(Callback("Ev0MENTION2", Mention("<@U0BOT> required week 3", "C0OTHER", "1757516500.000200", threadTs: "1757516000.000050")));

        var post = await PostToAsync("C0OTHER");
        Assert.Equal("1757516000.000050", post.Body["thread_ts"]!.GetValue<string>());
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_direct_message_channel()
    {
        await DeliverAsync(Callback("Ev0DM1", DirectMessage("/paper distserve", "D0STUDENT1", "1757516600.000300")));

        var post = await PostToAsync("D0STUDENT1");
        Assert.Null(post.Body["thread_ts"]);
        Assert.Contains("DistServe", post.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
    }

    [Fact]
    public async Task The_bots_own_messages_bots_edits_and_deletions_are_not_answered()
    {
        await DeliverAsync(Callback("Ev0SELF", DirectMessage("/reading week3", "D0IGNORED1", "1757516700.000001", user: "U0BOT")));
        var fromBot = DirectMessage("/reading week3", "D0IGNORED2", "1757516700.000002", user: "U0OTHERBOT");
        fromBot["bot_id"] = "B0OTHER";
        await DeliverAsync(Callback("Ev0BOT", fromBot));
        foreach (var (subtype, i) in new[] { "message_changed", "message_deleted", "bot_message", "thread_broadcast" }.Select((s, i) => (s, i)))
        {
            var message = DirectMessage("/reading week3", $"D0IGNORED{i + 3}", $"1757516700.00001{i}");
            message["subtype"] = subtype;
            await DeliverAsync(Callback($"Ev0SUB{i}", message));
        }

        await AllHandledAsync();
        Assert.Empty(Slack.To("chat.postMessage"));

        // The same message from a student is answered: what was skipped was skipped for who sent it.
        await DeliverAsync(Callback("Ev0STUDENT", DirectMessage("/reading week3", "D0ANSWERED", "1757516700.000100")));
        await PostToAsync("D0ANSWERED");
    }

    [Fact]
    public async Task A_retried_delivery_is_answered_once()
    {
        var callback = Callback("Ev0RETRY", Mention("<@U0BOT> /schedule", CourseChannel, "1757516800.000400"));

        await DeliverAsync(callback);
        await DeliverAsync((JsonObject)callback.DeepClone(), retry: 1);
        await DeliverAsync((JsonObject)callback.DeepClone(), retry: 2);

        await PostToAsync(CourseChannel);
        await AllHandledAsync();
        Assert.Single(Slack.To("chat.postMessage"));
    }

    [Fact]
    public async Task Past_five_questions_a_minute_a_student_is_told_once_to_wait_then_answered_again()
    {
        // Each in its own conversation, so only the per-student limit is at work.
        for (var i = 1; i <= 7; i++)
        {
            await DeliverAsync(Callback($"Ev0FLOOD{i}", DirectMessage("/reading week3", $"D0FLOOD{i}", $"1757517000.00000{i}")));
            await AllHandledAsync();
        }

        var posts = Slack.To("chat.postMessage").ToArray();
        Assert.Equal(["D0FLOOD1", "D0FLOOD2", "D0FLOOD3", "D0FLOOD4", "D0FLOOD5", "D0FLOOD6"], posts.Select(p => p.Body["channel"]!.GetValue<string>()));
        Assert.All(posts.Take(5), p => Assert.Contains("HybridFlow", p.Body.ToJsonString(), StringComparison.Ordinal));
        Assert.Contains("wait a minute", posts[5].Body.ToJsonString(), StringComparison.Ordinal);

        // Someone else is not held back by it, and a minute later the same student is answered again.
        await DeliverAsync(Callback("Ev0OTHER", DirectMessage("/reading week3", "D0OTHER", "1757517000.000100", user: "USTUDENT02")));
        await PostToAsync("D0OTHER");
        Clock.Advance(QuestionLimit.Window);
        await DeliverAsync(Callback("Ev0LATER", DirectMessage("/reading week3", "D0LATER", "1757517060.000001")));
        Assert.Contains("HybridFlow", (await PostToAsync("D0LATER")).Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_from_the_question_can_ping_a_channel()
    {
        // "<!channel>" typed as characters arrives escaped; the answer ("I don't know …") echoes it, and must not form a ping.
        await DeliverAsync(Callback("Ev0PING", DirectMessage("/&lt;!channel&gt; &lt;!here&gt;", "D0PING", "1757517100.000001")));

        var post = await PostToAsync("D0PING");
        var json = post.Body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("!channel", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Readyz_says_questions_are_answered()
    {
        Assert.Equal("answered (app_mention, message.im)", ReadinessReport().GetProperty("questions").GetString());
    }
}

public sealed class SlackQuestionsOverHttpTests : SlackQuestionsTests
{
    protected override string Mode => "http";
}

public sealed class SlackQuestionsOverSocketModeTests : SlackQuestionsTests
{
    protected override string Mode => "socket";
}

/// <summary>A course file with <c>answerMentions: false</c>: neither mentions nor direct messages are answered, and /readyz says so.</summary>
public sealed class SlackQuestionsTurnedOffTests : SlackQuestionsSetup
{
    protected override string Mode => "http";

    protected override string EditCourse(string course) => base.EditCourse(course) + "\nanswerMentions: false\n";

    [Fact]
    public async Task Mentions_and_direct_messages_are_not_answered()
    {
        await DeliverAsync(Callback("Ev0OFF1", Mention("<@U0BOT> /reading week3", CourseChannel, "1757516400.000100")));
        await DeliverAsync(Callback("Ev0OFF2", DirectMessage("/reading week3", "D0OFF", "1757516400.000200")));

        await AllHandledAsync();
        Assert.Empty(Slack.To("chat.postMessage"));
        Assert.StartsWith("off", ReadinessReport().GetProperty("questions").GetString(), StringComparison.Ordinal);
    }
}
