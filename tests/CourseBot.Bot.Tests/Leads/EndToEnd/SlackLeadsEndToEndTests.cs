using System.Net;
using System.Text.Json.Nodes;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Leads;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Leads.EndToEnd;

/// <summary>
/// Discussion leads on the whole bot and the fake Slack: the announcement's "Lead a paper" button, the menu it
/// opens and a choice (<c>block_actions</c>, signed over HTTP and over Socket Mode), the roster edited with
/// <c>chat.update</c>, a drop that promotes the waitlisted student, who is told with <c>chat.postMessage</c> to
/// their user id; and <c>/lead</c> with words that fit several papers. The fake checks every call against
/// Slack's Web API spec and Block Kit's limits; the fake Slack shares the bot's clock, so its one-post-a-second
/// limit runs on the time the test moves.
/// </summary>
public sealed class SlackLeadsEndToEndTests : IAsyncLifetime
{
    private const string Channel = LeadsBotCourse.SlackChannel;
    private const string HybridFlow = "hybridflow-eurosys25";
    private const string Ada = "USTUDENTADA", Grace = "USTUDENTGRC";

    private readonly TempDirectory _data = new();
    private readonly TimerSignals _clock = new(LeadsBotCourse.MondayOfWeek3);
    private FakeSlack _slack = null!;
    private SlackBotHost? _bot;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync(_clock);

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    [Fact]
    public async Task The_announcements_button_opens_a_menu_a_choice_signs_up_the_roster_is_updated_and_a_drop_promotes_the_waitlisted_by_dm()
    {
        _bot = await StartAsync("http");
        var roster = await RosterAsync();
        var button = (JsonObject)(await AnnounceWeek3Async())["elements"]![0]!;
        Assert.Equal("Lead a paper", button["text"]!["text"]!.GetValue<string>());

        var menu = await ClickAsync(Ada, "Ada Lovelace", Clicked(button));
        var select = Select(menu);
        var options = select["options"]!.AsArray();
        Assert.Equal(Week3Keys().Select(k => $"/lead {k}"), options.Select(o => o!["value"]!.GetValue<string>()));
        Assert.Equal("HybridFlow · Week 3 · Tue Sep 9", options[0]!["text"]!["text"]!.GetValue<string>());

        var claimed = await ClickAsync(Ada, "Ada Lovelace", Chosen(select, $"/lead {HybridFlow}"));
        Assert.StartsWith("You lead HybridFlow", Heading(claimed), StringComparison.Ordinal);
        var signup = Assert.Single(await SignupsAsync());
        Assert.Equal((HybridFlow, "slack", Ada, "Ada Lovelace", (int?)null), (signup.PaperKey, signup.Student.Platform, signup.Student.UserId, signup.Student.DisplayName, signup.WaitlistPosition));
        await UpdatedAsync(roster, text => text.Contains("Ada Lovelace", StringComparison.Ordinal));

        var waitlisted = await ClickAsync(Grace, "Grace Hopper", Chosen(select, $"/lead {HybridFlow}"));
        Assert.Equal("Waitlisted for HybridFlow", Heading(waitlisted));

        var dropped = await CommandAsync(Ada, "/lead", "drop");
        Assert.Equal("Sign-up withdrawn", Heading(dropped));

        var told = await Eventually.WaitForAsync(() => _slack.To("chat.postMessage").FirstOrDefault(c => c.Body["channel"]?.GetValue<string>() == Grace), "the private message to the promoted student");
        Assert.Contains("A slot opened and you were first on the waitlist", told.Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_slack.To("chat.postMessage"), c => c.Body["channel"]?.GetValue<string>() == Ada);
        Assert.Equal((HybridFlow, Grace, (int?)null), (await SignupsAsync()).Select(s => (s.PaperKey, s.Student.UserId, s.WaitlistPosition)).Single());
        await UpdatedAsync(roster, text => text.Contains("Grace Hopper", StringComparison.Ordinal) && !text.Contains("Ada Lovelace", StringComparison.Ordinal));
        Assert.Single(RosterMessages());
        Assert.All(_slack.To("chat.update"), c => Assert.Equal(roster, c.Body["ts"]!.GetValue<string>()));
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    [Fact]
    public async Task Over_socket_mode_the_button_and_the_menu_are_acknowledged_and_answered_and_the_roster_is_updated()
    {
        _bot = await StartAsync("socket");
        var socketMode = _bot.Services.GetRequiredService<SlackSocketMode>();
        await Eventually.WaitUntilAsync(() => socketMode.IsConnected, "the socket's hello");
        var roster = await RosterAsync();
        var button = (JsonObject)(await AnnounceWeek3Async())["elements"]![0]!;

        var menu = await EnvelopeAsync(Ada, "Ada Lovelace", Clicked(button), "env-click");
        var select = Select(menu);
        var claimed = await EnvelopeAsync(Ada, "Ada Lovelace", Chosen(select, select["options"]![1]!["value"]!.GetValue<string>()), "env-choose");

        Assert.StartsWith("You lead", Heading(claimed), StringComparison.Ordinal);
        Assert.Equal(Week3Keys()[1], Assert.Single(await SignupsAsync()).PaperKey);
        await UpdatedAsync(roster, text => text.Contains("Ada Lovelace", StringComparison.Ordinal));
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    [Fact]
    public async Task Lead_with_words_that_fit_several_papers_offers_a_menu_and_choosing_signs_up()
    {
        _bot = await StartAsync("http");

        var menu = await CommandAsync(Ada, "/lead", "language model serving");
        var select = Select(menu);
        var values = select["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()).ToArray();
        var claimed = await ClickAsync(Ada, "Ada Lovelace", Chosen(select, values[^1]));

        Assert.True(values.Length > 1, string.Join(", ", values));
        Assert.Contains("/lead pagedattention-sosp23", values);
        Assert.Contains("/lead nanoflow-osdi25", values);
        Assert.StartsWith("You lead", Heading(claimed), StringComparison.Ordinal);
        Assert.Equal(values[^1], "/lead " + Assert.Single(await SignupsAsync()).PaperKey);
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    private async Task<SlackBotHost> StartAsync(string mode)
    {
        var config = LeadsBotCourse.Create(_data.Path);
        return await SlackBotHost.StartAsync(_slack, Path.Combine(_data.Path, "data"), mode: mode, configDirectory: config, replace: services => services.AddSingleton<TimeProvider>(_clock));
    }

    /// <summary>The term roster the bot posts by itself once sign-ups are open; its ts.</summary>
    /// <remarks>The week's announcement may go out at start beside it: the fake's one post a second is waited out on the clock.</remarks>
    private async Task<string> RosterAsync()
    {
        var posted = Eventually.WaitForAsync(() => RosterMessages().FirstOrDefault(), "the roster message");
        await _clock.AdvanceWhileWaitingAsync(TimeSpan.FromSeconds(1), posted);
        return (await posted)["ts"]!.GetValue<string>();
    }

    private IEnumerable<JsonObject> RosterMessages() =>
        _slack.MessagesIn(Channel).Where(m => m["text"]?.GetValue<string>().StartsWith("Discussion leads · ", StringComparison.Ordinal) == true);

    /// <summary>Runs week 3's announcement (the fake's one post a second is waited out on the clock); the actions block carrying its button.</summary>
    private async Task<JsonObject> AnnounceWeek3Async()
    {
        var course = _bot!.Services.GetRequiredService<CourseCatalog>().Find(LeadsBotCourse.CourseId)!;
        var post = PostPlanner.Plan(course).Single(p => p.Kind == PostKinds.Announcement && p.Week.Start == LeadsBotCourse.Week3);
        var run = _bot.Services.GetRequiredService<PostRunner>().RunAsync(post.CourseId, post.Kind, post.Slot, CancellationToken.None);
        // The scheduler may be sending the same post (a misfire at start), so wait for the message, not for this run.
        var posted = Eventually.WaitForAsync(() => _slack.MessagesIn(Channel).FirstOrDefault(m => Actions(m) is not null), "week 3's announcement");
        await _clock.AdvanceWhileWaitingAsync(TimeSpan.FromSeconds(1), posted);
        await run;
        return Actions(await posted)!;
    }

    private static JsonObject? Actions(JsonObject message) =>
        message["blocks"]?.AsArray().OfType<JsonObject>().LastOrDefault(b => b["type"]?.GetValue<string>() == "actions");

    /// <summary>A click by <paramref name="user"/> on <paramref name="action"/>, signed, over HTTP; the private answer through response_url.</summary>
    private async Task<JsonObject> ClickAsync(string user, string name, JsonObject action)
    {
        var before = _slack.Responses.Count;
        var body = "payload=" + Uri.EscapeDataString(Click(user, name, action).ToJsonString());
        using var response = await _bot!.SendAsync("/slack/interactivity", body, "application/x-www-form-urlencoded", at: _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ResponseAsync(before);
    }

    /// <summary>The same click in a Socket Mode envelope: acknowledged, then answered through response_url.</summary>
    private async Task<JsonObject> EnvelopeAsync(string user, string name, JsonObject action, string envelope)
    {
        var before = _slack.Responses.Count;
        await _slack.SendEnvelopeAsync("interactive", Click(user, name, action), envelope);
        await Eventually.WaitUntilAsync(() => _slack.Acks.Any(a => a.Ack["envelope_id"]?.GetValue<string>() == envelope), $"the ack of {envelope}");
        return await ResponseAsync(before);
    }

    /// <summary>A slash command; its answer, in the acknowledgement or (sign-ups read the store) through response_url.</summary>
    private async Task<JsonObject> CommandAsync(string user, string command, string text)
    {
        var before = _slack.Responses.Count;
        using var response = await _bot!.SendAsync("/slack/commands", SlackBotHost.Form(command, text, user, _slack.ResponseUrl(Guid.NewGuid().ToString("N"))), "application/x-www-form-urlencoded", at: _clock.GetUtcNow());
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return ack.ToJsonString().Contains("Working on", StringComparison.Ordinal) ? await ResponseAsync(before) : ack;
    }

    private async Task<JsonObject> ResponseAsync(int before)
    {
        var answer = await Eventually.WaitForAsync(() => _slack.Responses.Skip(before).FirstOrDefault(), "the answer through response_url");
        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        return answer;
    }

    private JsonObject Click(string user, string name, JsonObject action) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = name, ["name"] = name.ToLowerInvariant(), ["team_id"] = "T0FAKE" },
        ["api_app_id"] = "A0FAKE",
        ["token"] = "deprecated",
        ["trigger_id"] = "1.2.3",
        ["team"] = new JsonObject { ["id"] = "T0FAKE", ["domain"] = "course" },
        ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "general" },
        ["response_url"] = _slack.ResponseUrl(Guid.NewGuid().ToString("N")).ToString(),
        ["actions"] = new JsonArray(action.DeepClone()),
    };

    /// <summary>A button's click as block_actions carries it: its action_id and value.</summary>
    private static JsonObject Clicked(JsonObject button) => new()
    {
        ["type"] = "button", ["action_id"] = button["action_id"]!.DeepClone(), ["block_id"] = "b1", ["value"] = button["value"]!.DeepClone(),
        ["action_ts"] = "1757343600.000001",
    };

    /// <summary>The option of <paramref name="select"/> whose value is <paramref name="value"/>, chosen.</summary>
    private static JsonObject Chosen(JsonObject select, string value) => new()
    {
        ["type"] = "static_select",
        ["action_id"] = select["action_id"]!.DeepClone(),
        ["block_id"] = "b2",
        ["selected_option"] = select["options"]!.AsArray().Single(o => o!["value"]!.GetValue<string>() == value)!.DeepClone(),
        ["action_ts"] = "1757343600.000002",
    };

    private static JsonObject Select(JsonObject answer)
    {
        var selects = answer["blocks"]!.AsArray().OfType<JsonObject>().Where(b => b["type"]?.GetValue<string>() == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()).Where(e => e["type"]?.GetValue<string>() == "static_select").ToArray();
        Assert.True(selects.Length == 1, $"one menu in {answer.ToJsonString()}");
        return selects[0];
    }

    private static string Heading(JsonObject answer) => answer["blocks"]![0]!["text"]!["text"]!.GetValue<string>();

    /// <summary>Waits until the roster message, updated in place, shows what <paramref name="shows"/> looks for.</summary>
    private Task UpdatedAsync(string roster, Func<string, bool> shows) => Eventually.WaitUntilAsync(
        () => _slack.MessagesIn(Channel).FirstOrDefault(m => m["ts"]?.GetValue<string>() == roster) is { } m && m["edited"] is not null && shows(m["blocks"]!.ToJsonString()),
        "the roster updated in place");

    private string[] Week3Keys()
    {
        var course = _bot!.Services.GetRequiredService<CourseCatalog>().Find(LeadsBotCourse.CourseId)!;
        return [.. LeadCatalog.For(course)!.InWeek(LeadsBotCourse.Week3).Select(p => p.Key)];
    }

    private async Task<IReadOnlyList<LeadSignup>> SignupsAsync()
    {
        var store = new SqliteLeadStore(_bot!.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveConnectionString());
        return await store.ListAsync(LeadsBotCourse.CourseId, CancellationToken.None);
    }
}
