using System.Net;
using System.Text.Json.Nodes;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>HTTP mode: signed requests only, answers within the acknowledgement or through response_url, events once.</summary>
public sealed class SlackHttpTests : WithFakeSlack
{
    private readonly TaskCompletionSource _release = new();

    // The bot's clock: the answer budget is spent only when a test moves it. It starts now, so that
    // requests signed with the real time are fresh.
    private readonly TimerSignals _clock = new(DateTimeOffset.UtcNow);
    private SlackBotHost _bot = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _bot = await SlackBotHost.StartAsync(Slack, Data.Path, replace: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<CourseConversation>();
            services.AddSingleton<ICourseConversation>(sp => new ScriptedConversation(sp.GetRequiredService<CourseConversation>(), async ct =>
            {
                await _release.Task.WaitAsync(ct);
                return new Reply("Slow search", [new ReplyBlock.Paragraph(new Span.Text("found it, eventually"))], TimeZoneInfo.Utc);
            }));
        });
    }

    public override async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _bot.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task An_opened_home_tab_is_published_again_when_the_reading_list_changes()
    {
        var opened = """{"type":"event_callback","event_id":"Ev0HOME2","team_id":"T0FAKE","event":{"type":"app_home_opened","user":"USTUDENT03","tab":"home"}}""";
        using (await _bot.SendAsync("/slack/events", opened, "application/json"))
        {
        }

        await Eventually.WaitForAsync(() => Slack.To("views.publish").FirstOrDefault(), "the first views.publish");
        var catalog = _bot.Services.GetRequiredService<CourseCatalog>();
        var status = catalog.Statuses.Single();
        catalog.Publish(status with { Version = "v2", Snapshot = CourseSnapshot.Create(status.Snapshot.Course with { Name = "CS 395T, renamed" }, status.Snapshot.ReadingList) });

        var second = await Eventually.WaitForAsync(() => Slack.To("views.publish").Skip(1).FirstOrDefault(), "the refreshed views.publish");
        Assert.Equal("USTUDENT03", second.Body["user_id"]!.GetValue<string>());
        Assert.Contains("CS 395T, renamed", second.Body["view"]!.ToJsonString());
    }

    public static TheoryData<string, string> Forgeries
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var path in new[] { "/slack/commands", "/slack/events", "/slack/interactivity" })
            {
                foreach (var forgery in new[] { "wrong secret", "stale", "altered body", "no signature", "no timestamp", "not v0" })
                {
                    data.Add(path, forgery);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Requests_not_signed_by_slack_within_five_minutes_get_401(string path, string forgery)
    {
        var (body, contentType) = path switch
        {
            "/slack/commands" => (SlackBotHost.Form("/reading", "week3", "USTUDENT01", Slack.ResponseUrl("x")), "application/x-www-form-urlencoded"),
            "/slack/events" => ("""{"type":"event_callback","event_id":"Ev0FORGED","team_id":"T0FAKE","event":{"type":"app_home_opened","user":"USTUDENT09","tab":"home"}}""", "application/json"),
            _ => ("payload=" + Uri.EscapeDataString(new JsonObject
            {
                ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "USTUDENT09" }, ["channel"] = new JsonObject { ["id"] = "C0COURSE" },
                ["team"] = new JsonObject { ["id"] = "T0FAKE" }, ["response_url"] = Slack.ResponseUrl("forged").ToString(),
                ["actions"] = new JsonArray(new JsonObject { ["action_id"] = SlackCommandHandler.ShareAction, ["value"] = "/paper distserve", ["type"] = "button" }),
            }.ToJsonString()), "application/x-www-form-urlencoded"),
        };
        var altered = body.Replace("USTUDENT", "UATTACKER", StringComparison.Ordinal);
        using var response = forgery switch
        {
            "wrong secret" => await _bot.SendAsync(path, body, contentType, secret: "not-the-secret"),
            "stale" => await _bot.SendAsync(path, body, contentType, at: DateTimeOffset.UtcNow.AddMinutes(-6)),
            "altered body" => await _bot.SendAsync(path, body, contentType, r => r.Content = new StringContent(altered, System.Text.Encoding.UTF8, contentType)),
            "no signature" => await _bot.SendAsync(path, body, contentType, r => r.Headers.Remove(SlackSignature.SignatureHeader)),
            "no timestamp" => await _bot.SendAsync(path, body, contentType, r => r.Headers.Remove(SlackSignature.TimestampHeader)),
            _ => await _bot.SendAsync(path, body, contentType, r =>
            {
                var signature = r.Headers.GetValues(SlackSignature.SignatureHeader).Single();
                r.Headers.Remove(SlackSignature.SignatureHeader);
                r.Headers.Add(SlackSignature.SignatureHeader, "v1" + signature[2..]);
            }),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await MarkerHandledAsync();
        Assert.Empty(PublishedExceptMarker());
        Assert.Empty(Slack.Responses);
    }

    public static TheoryData<string, string> OutOfRangeTimestamps
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var path in new[] { "/slack/commands", "/slack/events", "/slack/interactivity" })
            {
                foreach (var timestamp in new[] { "99999999999999", "9223372036854775807", "99999999999999999999", "-62135596801" })
                {
                    data.Add(path, timestamp);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OutOfRangeTimestamps))]
    public async Task An_unsigned_request_with_a_timestamp_out_of_any_date_range_gets_401_not_500(string path, string timestamp)
    {
        using var response = await _bot.SendAsync(path, "payload=%7B%7D", "application/x-www-form-urlencoded", r =>
        {
            r.Headers.Remove(SlackSignature.TimestampHeader);
            r.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/slack/events", """{"type":"event_callback","event_id":5,"team_id":"T0FAKE","event":{"type":"app_home_opened","user":"USTUDENT07","tab":"home"}}""")]
    [InlineData("/slack/events", """{"token":"x","challenge":{"a":1},"type":"url_verification"}""")]
    [InlineData("/slack/events", """{"token":"x","type":"url_verification"}""")]
    [InlineData("/slack/events", """{"type":5}""")]
    [InlineData("/slack/events", """{"type":"event_callback","event_id":"Ev0BAD1","event":"app_home_opened"}""")]
    [InlineData("/slack/events", """{"type":"event_callback","event_id":"Ev0BAD2","event":{"type":"app_home_opened","user":["USTUDENT07"]}}""")]
    [InlineData("/slack/events", """{"type":"event_callback","type":"url_verification","challenge":"c"}""")]
    [InlineData("/slack/events", """[{"type":"url_verification","challenge":"c"}]""")]
    [InlineData("/slack/interactivity", """{"type":"block_actions","actions":[null]}""")]
    [InlineData("/slack/interactivity", """{"type":"block_actions","actions":{"action_id":"share"}}""")]
    [InlineData("/slack/interactivity", """{"type":"block_actions","actions":[{"action_id":7}]}""")]
    [InlineData("/slack/interactivity", """{"type":"block_actions","user":"USTUDENT07","response_url":"http://127.0.0.1:9/x","actions":[{"action_id":"coursebot_share","value":"/paper distserve"}]}""")]
    public async Task Signed_json_of_unexpected_types_gets_400_not_500(string path, string json)
    {
        var (body, contentType) = path == "/slack/events" ? (json, "application/json") : ("payload=" + Uri.EscapeDataString(json), "application/x-www-form-urlencoded");

        using var response = await _bot.SendAsync(path, body, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await MarkerHandledAsync();
        Assert.Empty(PublishedExceptMarker());
        Assert.Empty(Slack.Responses);
    }

    [Fact]
    public async Task Signed_events_and_interactions_are_accepted()
    {
        var opened = """{"type":"event_callback","event_id":"Ev0SIGNED","team_id":"T0FAKE","event":{"type":"app_home_opened","user":"USTUDENT05","tab":"home"}}""";
        using var events = await _bot.SendAsync("/slack/events", opened, "application/json");
        var share = new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "USTUDENT05" }, ["channel"] = new JsonObject { ["id"] = "C0COURSE" },
            ["team"] = new JsonObject { ["id"] = "T0FAKE" }, ["response_url"] = Slack.ResponseUrl("signed").ToString(),
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = SlackCommandHandler.ShareAction, ["value"] = "/paper distserve", ["type"] = "button" }),
        };
        using var interactivity = await _bot.SendAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(share.ToJsonString()), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(HttpStatusCode.OK, interactivity.StatusCode);
        await Eventually.WaitForAsync(() => Slack.To("views.publish").FirstOrDefault(), "views.publish");
        await Eventually.WaitForAsync(() => Slack.Responses.FirstOrDefault(), "the shared answer");
    }

    [Fact]
    public async Task Reading_week3_is_answered_in_the_acknowledgement_privately_with_a_share_button()
    {
        using var response = await _bot.CommandAsync(Slack, "/reading", "week3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        var blocks = body["blocks"]!.AsArray();
        Assert.Empty(FakeSlack.BlockProblems(blocks, 50));
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", blocks[0]!["text"]!["text"]!.GetValue<string>());
        var text = string.Concat(blocks.Select(b => b?["text"]?["text"]?.GetValue<string>()));
        Assert.Contains("<https://dl.acm.org/doi/10.1145/3689031.3696075|HybridFlow: A Flexible and Efficient RLHF Framework>", text);
        Assert.Contains("★", text);
        Assert.Contains("<!date^", text);
        var button = blocks[^1]!["elements"]![0]!;
        Assert.Equal(SlackCommandHandler.ShareAction, button["action_id"]!.GetValue<string>());
        Assert.Equal("/coursebot reading week 3", button["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Help_on_slack_names_slacks_commands()
    {
        using var response = await _bot.CommandAsync(Slack, "/coursebot", "help");

        var help = await response.Content.ReadAsStringAsync();
        Assert.Contains("/coursebot search", help);
        Assert.Contains("/coursebot announce", help);
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"(?<!coursebot )/(search|help|announce|reload)\b"), help);
    }

    [Fact]
    public async Task A_slow_answer_is_acknowledged_at_once_and_follows_through_response_url()
    {
        var sending = _bot.CommandAsync(Slack, "/search", "anything");
        await _clock.WaitForTimerAsync(TimelyAnswer.Budget);
        _clock.Advance(TimelyAnswer.Budget);
        using var response = await sending;
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        // The search is still blocked here (only the test releases it), so the response cannot have waited for it.
        Assert.False(_release.Task.IsCompleted);
        Assert.Contains("Working on /search", ack["text"]!.GetValue<string>());
        Assert.Empty(Slack.Responses);
        _release.SetResult();
        var followUp = await Eventually.WaitForAsync(() => Slack.Responses.FirstOrDefault(), "the answer through response_url");
        Assert.True(followUp["replace_original"]!.GetValue<bool>());
        Assert.Contains("found it, eventually", followUp.ToJsonString());
    }

    [Fact]
    public async Task Sharing_posts_the_answer_in_the_channel_and_removes_the_private_copy()
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "USTUDENT01" }, ["channel"] = new JsonObject { ["id"] = "C0COURSE" },
            ["team"] = new JsonObject { ["id"] = "T0FAKE" }, ["response_url"] = Slack.ResponseUrl("share").ToString(),
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = SlackCommandHandler.ShareAction, ["value"] = "/paper distserve", ["type"] = "button" }),
        };

        using var response = await _bot.SendAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var responses = await Eventually.WaitForAsync(() => Slack.Responses.Count >= 2 ? Slack.Responses.ToArray() : null, "the shared answer");
        Assert.Equal("in_channel", responses[0]["response_type"]!.GetValue<string>());
        Assert.Contains("DistServe", responses[0].ToJsonString());
        Assert.DoesNotContain(SlackCommandHandler.ShareAction, responses[0].ToJsonString());
        Assert.True(responses[1]["delete_original"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_url_check_is_answered_and_opening_the_home_tab_publishes_it_once_per_event()
    {
        using var check = await _bot.SendAsync("/slack/events", """{"token":"x","challenge":"3eZbrw1aB","type":"url_verification"}""", "application/json");
        Assert.Equal("3eZbrw1aB", JsonNode.Parse(await check.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>());

        var opened = """{"type":"event_callback","event_id":"Ev0HOME1","team_id":"T0FAKE","event":{"type":"app_home_opened","user":"USTUDENT01","channel":"D0HOME","tab":"home"}}""";
        using (await _bot.SendAsync("/slack/events", opened, "application/json"))
        using (await _bot.SendAsync("/slack/events", opened, "application/json"))
        {
        }

        var publish = await Eventually.WaitForAsync(() => Slack.To("views.publish").FirstOrDefault(), "views.publish");
        await MarkerHandledAsync();
        Assert.Single(PublishedExceptMarker());
        Assert.Equal("USTUDENT01", publish.Body["user_id"]!.GetValue<string>());
        var view = publish.Body["view"]!.ToJsonString();
        Assert.Contains("CS 395T", view);
        Assert.Contains("Schedule", view, StringComparison.OrdinalIgnoreCase);
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
    }

    /// <summary>The user whose home tab <see cref="MarkerHandledAsync"/> opens.</summary>
    private const string MarkerUser = "UMARKER01";

    /// <summary>
    /// Instead of sleeping before asserting that nothing (more) happened: a signed home-tab opening sent
    /// after the requests under test, waited for until the bot has published it, so the bot has got
    /// through what came before it.
    /// </summary>
    private async Task MarkerHandledAsync()
    {
        var marker = $$$"""{"type":"event_callback","event_id":"Ev0MARKER","team_id":"T0FAKE","event":{"type":"app_home_opened","user":"{{{MarkerUser}}}","tab":"home"}}""";
        using (await _bot.SendAsync("/slack/events", marker, "application/json"))
        {
        }

        await Eventually.WaitForAsync(() => Slack.To("views.publish").FirstOrDefault(c => c.Body["user_id"]?.GetValue<string>() == MarkerUser), "the marker's views.publish");
    }

    private IEnumerable<SlackCall> PublishedExceptMarker() => Slack.To("views.publish").Where(c => c.Body["user_id"]?.GetValue<string>() != MarkerUser);
}
