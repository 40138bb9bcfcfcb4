using System.Net;
using System.Text.Json;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>The 3-second rule, errors and long replies: one initial response, then edits and follow-ups.</summary>
public sealed class InteractionDeadlineTests : WithFakeDiscord
{
    private const string EditOriginal = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private const string Followup = "/webhooks/{webhook_id}/{webhook_token}";

    [Fact]
    public async Task A_slow_answer_is_deferred_within_the_budget_and_then_edits_the_original()
    {
        var release = new TaskCompletionSource();
        var clock = new TimerSignals(DateTimeOffset.UtcNow);
        await using var bot = await StartAsync(
            async ct =>
            {
                await release.Task.WaitAsync(ct);
                return new Reply("Slow answer", [new ReplyBlock.Paragraph(new Span.Text("worth the wait"))], TimeZoneInfo.Utc);
            },
            clock: clock);

        // The answer is held until Discord has the initial response, so that response must be the deferral.
        var sending = bot.SendAsync(InteractionJson.Command("search", ("words", "anything")));
        await clock.WaitForTimerAsync(TimelyAnswer.Budget);
        clock.Advance(TimelyAnswer.Budget);
        using var response = await sending;
        release.SetResult();

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(CallbackType.DeferredMessage, json.RootElement.GetProperty("type").GetInt32());
        Assert.Equal(MessageFlags.Ephemeral, json.RootElement.GetProperty("data").GetProperty("flags").GetInt32());
        var edit = await Eventually.WaitForAsync(() => Api.To(EditOriginal).FirstOrDefault());
        Assert.Contains("worth the wait", edit.Body!.Value.GetRawText());
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task A_failing_answer_becomes_a_short_private_apology_never_silence()
    {
        await using var bot = await StartAsync(_ => throw new InvalidOperationException("the search index is on fire"));

        using var response = await bot.SendAsync(InteractionJson.Command("search", ("words", "anything")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(CallbackType.Message, json.RootElement.GetProperty("type").GetInt32());
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(MessageFlags.Ephemeral, data.GetProperty("flags").GetInt32());
        Assert.Contains("Something went wrong", data.GetRawText());
        Assert.DoesNotContain("on fire", data.GetRawText());
    }

    [Fact]
    public async Task A_very_long_week_arrives_whole_in_the_reply_and_its_follow_ups_each_within_limits()
    {
        var papers = Enumerable.Range(1, 150).Select(i => new PaperItem(
            new Paper($"paper-{i}", $"Paper number {i:D3}: {new string('t', 120)}", "Author One, Author Two, Author Three", "OSDI 25", $"https://example.org/{i}"),
            new Requirement(i % 3 == 0, null), null, true, null)).ToArray();
        var week = new Reply("Week 9 · Everything at once", [new ReplyBlock.Papers("Papers", papers)], TimeZoneInfo.Utc);
        await using var bot = await StartAsync(_ => Task.FromResult(week));

        using var response = await bot.SendAsync(InteractionJson.Command("search", ("words", "everything")));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // Until every paper has arrived (or the fake refused something), instead of sleeping after the second follow-up.
        var reply = json.RootElement.GetProperty("data");
        await Eventually.WaitUntilAsync(
            () =>
            {
                var sent = string.Concat(new[] { reply }.Concat(Api.To(Followup).Select(f => f.Body!.Value)).SelectMany(m => m.GetProperty("embeds").EnumerateArray()).SelectMany(InteractionEndpointTests.Texts));
                return papers.All(p => sent.Contains($"({p.Paper.Url})", StringComparison.Ordinal)) || !Api.Violations.IsEmpty;
            },
            "every paper in the reply and its follow-ups");
        var messages = new[] { reply }.Concat(Api.To(Followup).Select(f => f.Body!.Value)).ToArray();
        Assert.True(messages.Length > 1, "150 long papers cannot fit one message");
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        var text = string.Concat(messages.SelectMany(m => m.GetProperty("embeds").EnumerateArray()).SelectMany(InteractionEndpointTests.Texts));
        Assert.All(papers, p => Assert.Contains($"({p.Paper.Url})", text));
        Assert.All(messages, m =>
        {
            Assert.InRange(m.GetProperty("embeds").GetArrayLength(), 1, DiscordLimits.EmbedsPerMessage);
            Assert.Equal(MessageFlags.Ephemeral, m.GetProperty("flags").GetInt32());
        });
    }

    [Fact]
    public async Task A_very_long_week_answered_inline_sends_its_follow_ups_only_after_discord_has_the_answer()
    {
        var papers = Enumerable.Range(1, 150).Select(i => new PaperItem(
            new Paper($"paper-{i}", $"Paper number {i:D3}: {new string('t', 120)}", "Author One, Author Two, Author Three", "OSDI 25", $"https://example.org/{i}"),
            new Requirement(i % 3 == 0, null), null, true, null)).ToArray();
        var week = new Reply("Week 9 · Everything at once", [new ReplyBlock.Papers("Papers", papers)], TimeZoneInfo.Utc);
        // The inline answer leaves the bot late (a slow network): follow-ups sent before it would be refused.
        await using var bot = await StartAsync(_ => Task.FromResult(week), slowInlineAnswer: TimeSpan.FromSeconds(1));

        using var response = await bot.SendAsync(InteractionJson.Command("search", ("words", "everything")));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(CallbackType.Message, json.RootElement.GetProperty("type").GetInt32());

        var text = "";
        await Eventually.WaitForAsync(() =>
        {
            var messages = new[] { json.RootElement.GetProperty("data") }.Concat(Api.To(Followup).Select(f => f.Body!.Value));
            text = string.Concat(messages.SelectMany(m => m.GetProperty("embeds").EnumerateArray()).SelectMany(InteractionEndpointTests.Texts));
            return papers.All(p => text.Contains($"({p.Paper.Url})", StringComparison.Ordinal)) || !Api.UnacknowledgedWebhookCalls.IsEmpty ? text : null;
        });
        Assert.Empty(Api.UnacknowledgedWebhookCalls);
        Assert.NotEmpty(Api.To(Followup));
        Assert.All(papers, p => Assert.Contains($"({p.Paper.Url})", text));
    }

    /// <param name="clock">The bot's clock, when the test spends the answer budget itself; the system clock otherwise.</param>
    private async Task<DiscordBotHost> StartAsync(Func<CancellationToken, Task<Reply>> search, TimeSpan? slowInlineAnswer = null, TimeProvider? clock = null) =>
        await DiscordBotHost.StartAsync(Api, Data.Path, replace: services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            if (slowInlineAnswer is { } delay)
            {
                services.AddSingleton<IStartupFilter>(new SlowResponses(delay));
            }

            services.AddSingleton<CourseConversation>();
            services.AddSingleton<ICourseConversation>(sp => new ScriptedConversation(sp.GetRequiredService<CourseConversation>(), search));
        });

    /// <summary>Holds every response's first bytes back for a while, as a slow network would.</summary>
    private sealed class SlowResponses(TimeSpan delay) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, inner) =>
            {
                http.Response.OnStarting(() => Task.Delay(delay));
                await inner(http);
            });
            next(app);
        };
    }
}
