using System.Net;
using System.Text.Json;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Specs;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace CourseBot.Bot.Tests.Discord;

/// <summary><c>POST /discord/interactions</c> on the whole bot (HTTP mode) with Discord's signatures.</summary>
public sealed class InteractionEndpointTests : WithFakeDiscord
{
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
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

    [Fact]
    public async Task A_ping_is_answered_with_a_pong_in_json()
    {
        using var response = await _bot.SendAsync(InteractionJson.Ping());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, json.RootElement.GetProperty("type").GetInt32());
    }

    public static TheoryData<string> Forgeries => ["wrong key", "altered body", "no signature", "no timestamp", "altered timestamp", "signature not hex", "short signature"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Anything_not_signed_by_discord_is_refused_with_401(string forgery)
    {
        using var stranger = Key.Create(SignatureAlgorithm.Ed25519);
        var json = InteractionJson.Command("reading", ("week", "3"));
        using var response = forgery switch
        {
            "wrong key" => await _bot.SendAsync(json, signWith: stranger),
            "altered body" => await _bot.SendAsync(json, r => r.Content = new StringContent(json.Replace("\"3\"", "\"4\"", StringComparison.Ordinal))),
            "no signature" => await _bot.SendAsync(json, r => r.Headers.Remove(InteractionSignature.SignatureHeader)),
            "no timestamp" => await _bot.SendAsync(json, r => r.Headers.Remove(InteractionSignature.TimestampHeader)),
            "altered timestamp" => await _bot.SendAsync(json, r => Replace(r, InteractionSignature.TimestampHeader, "1700000000")),
            "signature not hex" => await _bot.SendAsync(json, r => Replace(r, InteractionSignature.SignatureHeader, new string('z', 128))),
            _ => await _bot.SendAsync(json, r => Replace(r, InteractionSignature.SignatureHeader, "abcd")),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Reading_week_3_answers_with_the_weeks_papers_as_a_private_embed_that_fits_the_spec()
    {
        using var response = await _bot.SendAsync(InteractionJson.Command("reading", ("week", "3")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Empty(OpenApiSpec.Load("discord-openapi.json").CheckJsonBody(Callback, "POST", root));
        Assert.Equal(CallbackType.Message, root.GetProperty("type").GetInt32());
        var data = root.GetProperty("data");
        Assert.Equal(MessageFlags.Ephemeral, data.GetProperty("flags").GetInt32());
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        var embed = data.GetProperty("embeds")[0];
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", embed.GetProperty("title").GetString());
        var text = string.Concat(data.GetProperty("embeds").EnumerateArray().SelectMany(Texts));
        Assert.Contains("[HybridFlow: A Flexible and Efficient RLHF Framework](https://dl.acm.org/doi/10.1145/3689031.3696075)", text);
        Assert.Contains("★", text);
        Assert.Matches("<t:[0-9]+:[fD]>", text);
    }

    [Fact]
    public async Task Week_autocomplete_offers_weeks_with_their_topics_from_memory()
    {
        using var all = await _bot.SendAsync(InteractionJson.Autocomplete("reading", "week", ""));
        using var serving = await _bot.SendAsync(InteractionJson.Autocomplete("reading", "week", "serving"));

        var allChoices = Choices(await all.Content.ReadAsStringAsync());
        var servingChoices = Choices(await serving.Content.ReadAsStringAsync());
        Assert.InRange(allChoices.Count, 10, DiscordLimits.AutocompleteChoices);
        Assert.Contains(allChoices, c => c.Name.StartsWith("Week 3 · LLM Post-Training", StringComparison.Ordinal) && c.Value == "3");
        Assert.Contains(servingChoices, c => c.Name == "Week 4 · Efficient LLM Serving" && c.Value == "4");
        Assert.All(servingChoices, c => Assert.Contains("serving", c.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Paper_autocomplete_offers_matching_titles_and_the_choice_finds_the_paper()
    {
        using var response = await _bot.SendAsync(InteractionJson.Autocomplete("paper", "query", "distser"));
        var choices = Choices(await response.Content.ReadAsStringAsync());
        var distserve = Assert.Single(choices, c => c.Value == "distserve-osdi24");
        Assert.StartsWith("DistServe", distserve.Name);
        Assert.All(choices, c => Assert.InRange(c.Name.Length, 1, DiscordLimits.ChoiceName));

        using var lookup = await _bot.SendAsync(InteractionJson.Command("paper", ("query", distserve.Value)));
        var text = await lookup.Content.ReadAsStringAsync();
        Assert.Contains("https://www.usenix.org/conference/osdi24/presentation/zhong-yinmin", text);
    }

    [Fact]
    public async Task Announce_needs_manage_server_and_a_preview_shows_only_to_the_admin()
    {
        using var student = await _bot.SendAsync(InteractionJson.Command("announce", ("week", "3")));
        using var admin = await _bot.SendAsync(InteractionJson.AdminCommand("announce", ("week", "3"), ("preview", true)));

        var refused = JsonDocument.Parse(await student.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        var preview = JsonDocument.Parse(await admin.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        Assert.Contains("Not allowed", refused.GetRawText());
        Assert.Equal(MessageFlags.Ephemeral, refused.GetProperty("flags").GetInt32());
        Assert.Equal(MessageFlags.Ephemeral, preview.GetProperty("flags").GetInt32());
        Assert.Contains("HybridFlow", preview.GetRawText());
        Assert.Empty(Api.To("/channels/{channel_id}/messages"));
    }

    [Fact]
    public async Task A_repeated_question_gets_the_same_answer_until_the_course_changes()
    {
        var catalog = _bot.Services.GetRequiredService<CourseCatalog>();
        // The same question from two interactions (each has its own id: one id is answered once).
        string Question() => InteractionJson.Command("paper", ("query", "distserve-osdi24"));
        using var first = await _bot.SendAsync(Question());
        using var second = await _bot.SendAsync(Question());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        // A new version of the reading list (here: the paper retitled) is served at once.
        var status = catalog.Statuses.Single();
        var folder = Path.Combine(CliRun.SampleConfig, "cs395t");
        var retitled = ReadingListLoader.FromText(
            File.ReadAllText(Path.Combine(folder, "reading_list.md")), "reading_list.md",
            File.ReadAllText(Path.Combine(folder, "papers.yaml")).Replace("\"DistServe: Disaggregating", "\"DistServe, revised: Disaggregating", StringComparison.Ordinal), "papers.yaml");
        catalog.Publish(status with { Snapshot = CourseSnapshot.Create(status.Snapshot.Course, retitled), Version = "v2" });
        using var third = await _bot.SendAsync(Question());

        Assert.Contains("DistServe, revised", await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_command_definitions_keep_discords_rules()
    {
        Assert.Empty(Bot.Discord.Commands.DiscordCommands.Problems(Bot.Discord.Commands.DiscordCommands.Definitions));
        Assert.Equal(
            ["reading", "required", "paper", "search", "schedule", "help", "calendar", "lead", "leads", "announce"],
            Bot.Discord.Commands.DiscordCommands.Definitions.Select(c => c.Name));
        Assert.NotEmpty(Bot.Discord.Commands.DiscordCommands.Problems([new("Reading", "Upper case", null)]));
        Assert.NotEmpty(Bot.Discord.Commands.DiscordCommands.Problems([new("read ing", "A space", null)]));
        Assert.NotEmpty(Bot.Discord.Commands.DiscordCommands.Problems([new("reading", new string('x', 101), null)]));
    }

    internal static IEnumerable<string> Texts(JsonElement embed)
    {
        if (embed.TryGetProperty("description", out var description))
        {
            yield return description.GetString()!;
        }

        if (embed.TryGetProperty("fields", out var fields))
        {
            foreach (var field in fields.EnumerateArray())
            {
                yield return field.GetProperty("value").GetString()!;
            }
        }
    }

    private static List<Choice> Choices(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(CallbackType.AutocompleteResult, document.RootElement.GetProperty("type").GetInt32());
        Assert.Empty(OpenApiSpec.Load("discord-openapi.json").CheckJsonBody(Callback, "POST", document.RootElement));
        return document.RootElement.GetProperty("data").GetProperty("choices").EnumerateArray()
            .Select(c => new Choice(c.GetProperty("name").GetString()!, c.GetProperty("value").GetString()!))
            .ToList();
    }

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.Add(header, value);
    }
}
