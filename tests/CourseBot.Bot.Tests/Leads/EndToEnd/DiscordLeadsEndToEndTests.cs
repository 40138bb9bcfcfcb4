using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Specs;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Leads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Leads.EndToEnd;

/// <summary>
/// Discussion leads on the whole bot and the fake Discord, as students meet them: the week's announcement with its
/// "Lead a paper" button, the menu it opens, a choice that signs the clicker up, the roster edited in place, a
/// waitlisted second student promoted by a drop and told by DM; the autocomplete of /lead. Every body the bot sends
/// is checked against Discord's OpenAPI spec by the fake; answers returned inline are checked here.
/// </summary>
public sealed partial class DiscordLeadsEndToEndTests : WithFakeDiscord
{
    private const string Messages = "/channels/{channel_id}/messages";
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
    private const string Original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private const string Channel = LeadsBotCourse.DiscordChannel;
    private const string HybridFlow = "hybridflow-eurosys25";

    private static readonly DiscordStudent Ada = new("1610000000000000001", "Ada Lovelace");
    private static readonly DiscordStudent Grace = new("1610000000000000002", "Grace Hopper");

    private readonly TimerSignals _clock = new(LeadsBotCourse.MondayOfWeek3);
    private readonly OpenApiSpec _spec = OpenApiSpec.Load("discord-openapi.json");
    private DiscordBotHost? _bot;

    public override async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_announcements_button_opens_a_menu_a_choice_signs_up_the_roster_follows_and_a_drop_promotes_the_waitlisted_by_dm()
    {
        _bot = await StartAsync("http");
        var roster = await RosterAsync();

        var announcement = await AnnounceWeek3Async();
        var button = Assert.Single(Components(announcement.Body), c => c.GetProperty("type").GetInt32() == 2);
        Assert.Equal("Lead a paper", button.GetProperty("label").GetString());
        Assert.Empty(_spec.CheckJsonBody(Messages, "POST", announcement.Body));

        var menu = await AnswerAsync(Ada.Click(button.GetProperty("custom_id").GetString()!, announcement.Id));
        var select = Assert.Single(Components(menu), c => c.GetProperty("type").GetInt32() == 3);
        var options = select.GetProperty("options").EnumerateArray().ToArray();
        Assert.Equal(Week3Keys().Select(k => $"/lead {k}"), options.Select(o => o.GetProperty("value").GetString()));
        Assert.Equal("HybridFlow · Week 3 · Tue Sep 9", options[0].GetProperty("label").GetString());

        var claimed = await AnswerAsync(Ada.Choose(select.GetProperty("custom_id").GetString()!, $"/lead {HybridFlow}"));
        Assert.StartsWith("You lead HybridFlow", Title(claimed), StringComparison.Ordinal);
        var signup = Assert.Single(await SignupsAsync());
        Assert.Equal((HybridFlow, "discord", Ada.UserId, "Ada Lovelace", (int?)null), (signup.PaperKey, signup.Student.Platform, signup.Student.UserId, signup.Student.DisplayName, signup.WaitlistPosition));
        var edited = await EditedAsync(roster, text => text.Contains("Ada Lovelace", StringComparison.Ordinal));

        // Grace opened the menu before Ada chose: her choice of the same paper finds it full.
        var waitlisted = await AnswerAsync(Grace.Choose(select.GetProperty("custom_id").GetString()!, $"/lead {HybridFlow}"));
        Assert.Equal("Waitlisted for HybridFlow", Title(waitlisted));
        Assert.Contains("#1 on its waitlist", waitlisted.GetRawText(), StringComparison.Ordinal);

        var dropped = await AnswerAsync(Ada.Command("lead", ("drop", true)));
        Assert.Contains("no longer lead", dropped.GetRawText(), StringComparison.Ordinal);
        var dm = await Eventually.WaitForAsync(() => Api.DirectMessagesTo(Grace.UserId) is [var first, ..] ? first : null, "the DM to the promoted student");
        Assert.Contains("A slot opened and you were first on the waitlist", dm.Body.GetRawText(), StringComparison.Ordinal);
        var opened = Assert.Single(Api.To(FakeDiscordApi.DirectMessageTemplate));
        Assert.Equal(Grace.UserId, opened.Body!.Value.GetProperty("recipient_id").GetString());
        Assert.Empty(Api.DirectMessagesTo(Ada.UserId));
        Assert.Equal((HybridFlow, Grace.UserId, (int?)null), (await SignupsAsync()).Select(s => (s.PaperKey, s.Student.UserId, s.WaitlistPosition)).Single());

        await EditedAsync(roster, text => text.Contains("Grace Hopper", StringComparison.Ordinal) && !text.Contains("Ada Lovelace", StringComparison.Ordinal));
        Assert.Single(RosterMessages());
        Assert.All(Api.Edits, e => Assert.Equal(roster, e.MessageId));
        Assert.True(edited.Count >= 1);
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task Over_the_gateway_the_button_and_the_menu_are_answered_by_callback_and_the_roster_is_edited()
    {
        _bot = await StartAsync("gateway");
        var roster = await RosterAsync();
        var announcement = await AnnounceWeek3Async();
        var button = Components(announcement.Body).Single(c => c.GetProperty("type").GetInt32() == 2);

        var menu = await CallbackAsync(Ada.Click(button.GetProperty("custom_id").GetString()!, announcement.Id));
        var select = Components(menu).Single(c => c.GetProperty("type").GetInt32() == 3);
        var claimed = await CallbackAsync(Ada.Choose(select.GetProperty("custom_id").GetString()!, select.GetProperty("options")[1].GetProperty("value").GetString()!));

        Assert.StartsWith("You lead", Title(claimed), StringComparison.Ordinal);
        Assert.Equal(Week3Keys()[1], Assert.Single(await SignupsAsync()).PaperKey);
        await EditedAsync(roster, text => text.Contains("Ada Lovelace", StringComparison.Ordinal));
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task The_autocomplete_of_lead_lists_only_papers_with_a_free_slot_with_week_and_class_day()
    {
        _bot = await StartAsync("http");

        var before = await ChoicesAsync(Grace.Autocomplete("lead", "paper", ""));
        await AnswerAsync(Ada.Command("lead", ("paper", HybridFlow)));
        var after = await ChoicesAsync(Grace.Autocomplete("lead", "paper", ""));
        var typed = await ChoicesAsync(Grace.Autocomplete("lead", "paper", "hybrid"));

        Assert.Contains(("HybridFlow · Week 3 · Tue Sep 9", HybridFlow), before);
        Assert.DoesNotContain(after, c => c.Value == HybridFlow);
        Assert.Empty(typed);
        Assert.Equal(before.Count - 1, after.Count);
        Assert.All(before, c => Assert.Matches(ChoiceShape(), c.Name));
        Assert.All(before, c => Assert.InRange(c.Name.Length, 1, LeadDesk.LabelLength));
        // Papers of week 3's Tuesday and later only: earlier classes are over, so their sign-ups are closed.
        Assert.DoesNotContain(before, c => c.Name.Contains("Week 1 ", StringComparison.Ordinal) || c.Name.Contains("Week 2 ", StringComparison.Ordinal));
        Assert.InRange(before.Count, 2, 25);
    }

    private async Task<DiscordBotHost> StartAsync(string mode)
    {
        var config = LeadsBotCourse.Create(Data.Path);
        return await DiscordBotHost.StartAsync(Api, Path.Combine(Data.Path, "data"), mode: mode, configDirectory: config, replace: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
        });
    }

    /// <summary>The term roster, which the bot posts by itself once sign-ups are open; its message id.</summary>
    private async Task<string> RosterAsync()
    {
        var roster = await Eventually.WaitForAsync(() => RosterMessages().FirstOrDefault(), "the roster message");
        Assert.Empty(_spec.CheckJsonBody(Messages, "POST", roster.Body));
        return roster.Id;
    }

    private IEnumerable<PostedMessage> RosterMessages() =>
        Snapshot(Channel).Where(m => m.Body.TryGetProperty("embeds", out var embeds) && embeds.GetArrayLength() > 0
            && embeds[0].GetProperty("title").GetString()!.StartsWith("Discussion leads · ", StringComparison.Ordinal));

    /// <summary>Runs what a Quartz firing of week 3's announcement runs; the message carrying its button.</summary>
    private async Task<PostedMessage> AnnounceWeek3Async()
    {
        var course = _bot!.Services.GetRequiredService<CourseCatalog>().Find(LeadsBotCourse.CourseId)!;
        var post = PostPlanner.Plan(course).Single(p => p.Kind == PostKinds.Announcement && p.Week.Start == LeadsBotCourse.Week3);
        await _bot.Services.GetRequiredService<PostRunner>().RunAsync(post.CourseId, post.Kind, post.Slot, CancellationToken.None);
        // The scheduler may be running the same post (a misfire at start): the ledger lets one of them send it.
        var announcement = await Eventually.WaitForAsync(() => Snapshot(Channel).FirstOrDefault(m => m.Body.TryGetProperty("components", out _)), "week 3's announcement");
        Assert.Single(Snapshot(Channel), m => m.Body.TryGetProperty("components", out _));
        return announcement;
    }

    private List<PostedMessage> Snapshot(string channel)
    {
        var messages = Api.Channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            return [.. messages];
        }
    }

    /// <summary>Waits until the roster message, edited in place, shows what <paramref name="shows"/> looks for; the edits so far.</summary>
    private async Task<IReadOnlyList<EditedMessage>> EditedAsync(string roster, Func<string, bool> shows)
    {
        await Eventually.WaitUntilAsync(() => Api.Find(Channel, roster) is { } m && shows(m.Body.GetRawText()), "the roster edited in place");
        return [.. Api.Edits.Where(e => e.MessageId == roster)];
    }

    /// <summary>
    /// The answer to an interaction sent over HTTP. Sign-ups read the store, so the bot defers privately at once
    /// (type 5, ephemeral) and then edits the original with the answer; both are checked against the spec.
    /// </summary>
    private async Task<JsonElement> AnswerAsync(string interaction)
    {
        using var response = await _bot!.SendAsync(interaction, signedAt: _clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(_spec.CheckJsonBody(Callback, "POST", json.RootElement));
        return await FinishedAsync(interaction, json.RootElement);
    }

    /// <summary>An interaction received on the gateway; the answer, through the callback (the fake checked the bodies).</summary>
    private async Task<JsonElement> CallbackAsync(string interaction)
    {
        var token = Token(interaction);
        var queue = _bot!.Services.GetRequiredService<InteractionQueue>();
        queue.Enqueue(new ReceivedInteraction(Encoding.UTF8.GetBytes(interaction), _clock.GetTimestamp()));
        var callback = await Eventually.WaitForAsync(() => Api.To(Callback).FirstOrDefault(r => r.Path.Contains(token, StringComparison.Ordinal)), "the callback");
        return await FinishedAsync(interaction, callback.Body!.Value);
    }

    /// <summary>The private answer: the initial response's message, or the edit of the original after a private deferral.</summary>
    private async Task<JsonElement> FinishedAsync(string interaction, JsonElement initial)
    {
        var data = initial.GetProperty("data").Clone();
        Assert.Equal(MessageFlags.Ephemeral, data.GetProperty("flags").GetInt32());
        if (initial.GetProperty("type").GetInt32() == CallbackType.Message)
        {
            return data;
        }

        Assert.Equal(CallbackType.DeferredMessage, initial.GetProperty("type").GetInt32());
        var token = Token(interaction);
        var edit = await Eventually.WaitForAsync(() => Api.To(Original).FirstOrDefault(r => r.Path.Contains(token, StringComparison.Ordinal)), "the answer edited into the deferred original");
        Assert.Empty(_spec.CheckJsonBody(Original, "PATCH", edit.Body!.Value));
        return edit.Body.Value;
    }

    private static string Token(string interaction)
    {
        using var json = JsonDocument.Parse(interaction);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private async Task<IReadOnlyList<(string Name, string Value)>> ChoicesAsync(string interaction)
    {
        using var response = await _bot!.SendAsync(interaction, signedAt: _clock.GetUtcNow().ToUnixTimeSeconds());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(_spec.CheckJsonBody(Callback, "POST", json.RootElement));
        Assert.Equal(CallbackType.AutocompleteResult, json.RootElement.GetProperty("type").GetInt32());
        return [.. json.RootElement.GetProperty("data").GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("value").GetString()!))];
    }

    private static IEnumerable<JsonElement> Components(JsonElement message) =>
        message.TryGetProperty("components", out var rows) ? rows.EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray()) : [];

    private static string Title(JsonElement message) => message.GetProperty("embeds")[0].GetProperty("title").GetString()!;

    /// <summary>Week 3's papers to lead, in the order the course reads them.</summary>
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

    [GeneratedRegex(@"^.+ · Week \d+ · (Tue|Thu) (Sep|Oct|Nov|Dec) \d{1,2}$")]
    private static partial Regex ChoiceShape();
}
