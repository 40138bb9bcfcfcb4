using System.Net;
using System.Text;
using System.Text.Json;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Specs;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>
/// A reply's buttons and menus as Discord message components, checked against the spec; and their
/// clicks (<c>MESSAGE_COMPONENT</c> interactions) on the whole bot, signed, answered privately.
/// </summary>
public sealed class DiscordComponentTests : WithFakeDiscord
{
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
    private const string Messages = "/channels/{channel_id}/messages";
    private const string Channel = "1200000000000000001";
    private DiscordBotHost _bot = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _bot = await DiscordBotHost.StartAsync(Api, Data.Path);
    }

    public override async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await base.DisposeAsync();
    }

    private static Reply WithActions(params ReplyAction[] actions) => new(
        "Week 3 · LLM Post-Training for Alignment",
        [new ReplyBlock.Paragraph(new Span.Text("Sign-ups are open")), new ReplyBlock.Actions(actions)],
        TimeZoneInfo.Utc);

    private static readonly ReplyAction.Select Papers = new("Choose a paper",
    [
        new ReplyOption("HybridFlow", "Tue Sep 9 · 1 slot free", "/reading week 3"),
        new ReplyOption("DistServe", null, "/paper distserve-osdi24"),
    ]);

    [Fact]
    public void A_button_and_a_select_become_action_rows_that_fit_the_spec_as_a_post_and_as_an_interaction_reply()
    {
        var message = Assert.Single(DiscordReplyRenderer.Render(WithActions(new ReplyAction.Button("Lead a paper", "/reading week 3"), Papers)));
        var json = JsonSerializer.SerializeToElement(message, DiscordJson.Default.MessageBody);
        var callback = JsonSerializer.SerializeToElement(new InteractionResponseBody(CallbackType.Message, message with { Flags = MessageFlags.Ephemeral }), DiscordJson.Default.InteractionResponseBody);

        var spec = OpenApiSpec.Load("discord-openapi.json");
        Assert.Empty(spec.CheckJsonBody(Messages, "POST", json));
        Assert.Empty(spec.CheckJsonBody(Callback, "POST", callback));
        Assert.Empty(spec.CheckJsonBody("/webhooks/{webhook_id}/{webhook_token}", "POST", json));
        Assert.Empty(spec.CheckJsonBody("/webhooks/{webhook_id}/{webhook_token}/messages/@original", "PATCH", json));

        var rows = json.GetProperty("components");
        Assert.Equal(2, rows.GetArrayLength());
        var button = Assert.Single(rows[0].GetProperty("components").EnumerateArray());
        Assert.Equal(1, rows[0].GetProperty("type").GetInt32());
        Assert.Equal(2, button.GetProperty("type").GetInt32());
        Assert.Equal("Lead a paper", button.GetProperty("label").GetString());
        Assert.Equal("/reading week 3", button.GetProperty("custom_id").GetString());
        var select = Assert.Single(rows[1].GetProperty("components").EnumerateArray());
        Assert.Equal(3, select.GetProperty("type").GetInt32());
        Assert.Equal("Choose a paper", select.GetProperty("placeholder").GetString());
        var options = select.GetProperty("options").EnumerateArray().ToArray();
        Assert.Equal(["/reading week 3", "/paper distserve-osdi24"], options.Select(o => o.GetProperty("value").GetString()));
        Assert.Equal("Tue Sep 9 · 1 slot free", options[0].GetProperty("description").GetString());
        Assert.False(options[1].TryGetProperty("description", out _));
    }

    [Fact]
    public void Many_buttons_and_options_stay_within_discords_limits_with_ids_unique_in_the_message()
    {
        var buttons = Enumerable.Range(1, 12).Select(i => (ReplyAction)new ReplyAction.Button($"Week {i}", $"/reading week {i % 6}"));
        var many = new ReplyAction.Select("Choose a paper", [.. Enumerable.Range(1, 30).Select(i => new ReplyOption(new string('L', 150), new string('D', 150), i % 2 == 0 ? "/schedule" : $"/reading week {i}"))]);
        var longCommand = "/paper " + string.Join(' ', Enumerable.Repeat("Efficient Memory Management for Large Language Model Serving", 3));

        var messages = DiscordReplyRenderer.Render(WithActions([.. buttons, many, new ReplyAction.Button("Long", longCommand)]));

        var spec = OpenApiSpec.Load("discord-openapi.json");
        var components = messages.Where(m => m.Components is not null).ToArray();
        Assert.All(components, m => Assert.Empty(spec.CheckJsonBody(Messages, "POST", JsonSerializer.SerializeToElement(m, DiscordJson.Default.MessageBody))));
        Assert.All(components, m => Assert.InRange(m.Components!.Count, 1, 5));
        var rows = components.SelectMany(m => m.Components!).ToArray();
        // 12 buttons in rows of five, the 30 options as two selects of 25 and 5, the long button alone.
        Assert.Equal([5, 5, 2, 1, 1, 1], rows.Select(r => r.Components!.Count));
        Assert.Equal(["Choose a paper (1/2)", "Choose a paper (2/2)"], rows.SelectMany(r => r.Components!).Where(c => c.Type == 3).Select(c => c.Placeholder));
        foreach (var message in components)
        {
            var ids = message.Components!.SelectMany(r => r.Components!).Select(c => c.CustomId!).ToArray();
            Assert.Equal(ids.Length, ids.Distinct().Count());
        }

        foreach (var select in rows.SelectMany(r => r.Components!).Where(c => c.Type == 3))
        {
            Assert.Equal(select.Options!.Count, select.Options.Select(o => o.Value).Distinct().Count());
        }

        // The long command travels compacted, and comes back whole.
        var carried = rows[^1].Components![0].CustomId!;
        Assert.StartsWith("~", carried);
        Assert.Equal(longCommand, Bot.Rendering.ActionCommand.Decode(carried));
    }

    [Fact]
    public async Task A_channel_post_carries_its_buttons_and_discord_accepts_it()
    {
        var rest = RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System);
        var delivery = new DiscordPostDelivery(rest, NullLogger<DiscordPostDelivery>.Instance);

        await delivery.PostAsync(new Bot.Delivery.PostKey("cs395t", "week-2025-09-08", "announcement", "discord", Channel), WithActions(new ReplyAction.Button("Lead a paper", "/reading week 3"), Papers), CancellationToken.None);

        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        var posted = Assert.Single(Api.Channels[Channel]);
        Assert.Equal("/reading week 3", posted.Body.GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString());
    }

    [Fact]
    public async Task Clicking_a_button_for_reading_week_3_answers_week_3_privately()
    {
        var data = await ClickAsync(InteractionJson.Component("/reading week 3"));

        Assert.Equal(MessageFlags.Ephemeral, data.GetProperty("flags").GetInt32());
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", data.GetProperty("embeds")[0].GetProperty("title").GetString());
        Assert.Contains("HybridFlow", data.GetRawText());
    }

    [Fact]
    public async Task Choosing_a_select_option_answers_that_options_command_privately()
    {
        var data = await ClickAsync(InteractionJson.Component(DiscordComponents.SelectPrefix + "0", componentType: 3, values: ["/reading week 4"]));

        Assert.Equal(MessageFlags.Ephemeral, data.GetProperty("flags").GetInt32());
        Assert.StartsWith("Week 4 · Efficient LLM Serving", data.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_compacted_id_is_answered_like_the_command_it_carries()
    {
        var compact = Bot.Rendering.ActionCommand.Encode("/paper distserve-osdi24", 100, number: 2);
        Assert.NotNull(compact);

        var data = await ClickAsync(InteractionJson.Component(compact));

        Assert.Contains("DistServe", data.GetRawText());
    }

    [Theory]
    [InlineData("lead:42")]
    [InlineData("~not-brotli-at-all")]
    [InlineData("select.0")]
    public async Task A_garbled_id_gets_a_clear_private_error(string customId)
    {
        var data = await ClickAsync(InteractionJson.Component(customId));

        Assert.Equal(MessageFlags.Ephemeral, data.GetProperty("flags").GetInt32());
        Assert.Contains("This button no longer works", data.GetRawText());
        Assert.Contains("/help", data.GetRawText());
    }

    [Fact]
    public async Task A_select_without_a_chosen_value_gets_a_clear_private_error()
    {
        var data = await ClickAsync(InteractionJson.Component(DiscordComponents.SelectPrefix + "0", componentType: 3, values: []));

        Assert.Contains("This button no longer works", data.GetRawText());
    }

    [Fact]
    public async Task A_click_by_a_bot_is_acknowledged_and_nothing_else()
    {
        using var response = await _bot.SendAsync(InteractionJson.Component("/reading week 3", bot: true));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(CallbackType.DeferredUpdate, json.RootElement.GetProperty("type").GetInt32());
        Assert.False(json.RootElement.TryGetProperty("data", out _));
        Assert.Empty(OpenApiSpec.Load("discord-openapi.json").CheckJsonBody(Callback, "POST", json.RootElement));
    }

    [Fact]
    public async Task Over_the_gateway_a_click_is_answered_by_callback()
    {
        await using var gateway = await DiscordBotHost.StartAsync(Api, Path.Combine(Data.Path, "gateway"), mode: "gateway");
        var queue = gateway.Services.GetRequiredService<InteractionQueue>();
        var time = gateway.Services.GetRequiredService<TimeProvider>();

        queue.Enqueue(new ReceivedInteraction(Encoding.UTF8.GetBytes(InteractionJson.Component("/reading week 3")), time.GetTimestamp()));

        var answer = await Eventually.WaitForAsync(() => Api.To(Callback).FirstOrDefault(), "the callback");
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        var data = answer.Body!.Value.GetProperty("data");
        Assert.Equal(MessageFlags.Ephemeral, data.GetProperty("flags").GetInt32());
        Assert.StartsWith("Week 3", data.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    /// <summary>The initial response's message, checked against the spec.</summary>
    private async Task<JsonElement> ClickAsync(string interaction)
    {
        using var response = await _bot.SendAsync(interaction);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(OpenApiSpec.Load("discord-openapi.json").CheckJsonBody(Callback, "POST", json.RootElement));
        Assert.Equal(CallbackType.Message, json.RootElement.GetProperty("type").GetInt32());
        return json.RootElement.GetProperty("data").Clone();
    }
}
