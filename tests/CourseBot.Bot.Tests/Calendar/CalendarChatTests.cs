using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Http;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Specs;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary>What /calendar says and to whom, with and without <c>Http__PublicBaseUrl</c>.</summary>
internal static partial class CalendarAnswers
{
    public const string PublicBase = "https://bot.example.edu/";

    /// <summary>The sample course with public replies: /calendar must be private all the same.</summary>
    public static string PublicRepliesCourse(string parent, string? slackChannel = null) => CourseCopy.Create(parent, course =>
    {
        var edited = course.Replace("studentReplies: private", "studentReplies: public", StringComparison.Ordinal);
        return slackChannel is null ? edited : edited.Replace("slack: []", $"slack: [\"{slackChannel}\"]", StringComparison.Ordinal);
    });

    public static void WithPublicBase(IServiceCollection services) => services.Configure<HttpOptions>(o => o.PublicBaseUrl = PublicBase);

    public static void AssertLinks(string text)
    {
        Assert.Contains("https://bot.example.edu/calendar/cs395t.ics", text, StringComparison.Ordinal);
        Assert.Matches(PersonalUrl(), text);
        Assert.Contains("From URL", text, StringComparison.Ordinal);
        Assert.Contains("New Calendar Subscription", text, StringComparison.Ordinal);
        Assert.Contains("Subscribe from web", text, StringComparison.Ordinal);
        Assert.Contains("webcal://bot.example.edu/calendar/cs395t.ics", text, StringComparison.Ordinal);
    }

    public static string Personal(string text) => PersonalUrl().Match(text).Value;

    // Discord's markdown escapes _ in a link's label; the address itself is whole.
    [GeneratedRegex(@"https://bot\.example\.edu/calendar/cs395t/[A-Za-z0-9_-]{43}\.ics")]
    private static partial Regex PersonalUrl();
}

/// <summary>/calendar on Discord (HTTP interactions, fake API): private even in a course whose replies are public.</summary>
public sealed class DiscordCalendarTests : WithFakeDiscord
{
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
    private const string EditOriginal = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";

    [Fact]
    public async Task Calendar_answers_privately_with_the_course_and_personal_addresses_the_same_each_time()
    {
        await using var bot = await DiscordBotHost.StartAsync(Api, Data.Path, configDirectory: CalendarAnswers.PublicRepliesCourse(Data.Path), replace: CalendarAnswers.WithPublicBase);

        var first = await AnswerAsync(bot);
        var second = await AnswerAsync(bot);
        var reading = await AnswerAsync(bot, "reading");
        var renewed = await AnswerAsync(bot, "calendar", ("new", true));

        Assert.Equal(MessageFlags.Ephemeral, first.GetProperty("flags").GetInt32());
        CalendarAnswers.AssertLinks(first.GetRawText());
        Assert.Equal(CalendarAnswers.Personal(first.GetRawText()), CalendarAnswers.Personal(second.GetRawText()));
        // The course's other answers are public: only /calendar is private.
        Assert.False(reading.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Number, reading.GetRawText());
        // The "new" option: another personal address, the course feed's unchanged.
        CalendarAnswers.AssertLinks(renewed.GetRawText());
        Assert.NotEqual(CalendarAnswers.Personal(first.GetRawText()), CalendarAnswers.Personal(renewed.GetRawText()));
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task Without_a_public_address_calendar_says_which_setting_to_set()
    {
        await using var bot = await DiscordBotHost.StartAsync(Api, Data.Path);

        var answer = await AnswerAsync(bot);

        Assert.Equal(MessageFlags.Ephemeral, answer.GetProperty("flags").GetInt32());
        // As Discord shows it: its markdown escapes (\_) undone.
        var shown = string.Concat(answer.GetProperty("embeds").EnumerateArray().SelectMany(Bot.Tests.Discord.InteractionEndpointTests.Texts)).Replace("\\", "", StringComparison.Ordinal);
        Assert.Contains("Http__PublicBaseUrl", shown, StringComparison.Ordinal);
        Assert.Contains("coursebot calendar", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("/calendar/cs395t", answer.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>The message of the answer: in the interaction's response, or (deferred) in the edit of the original.</summary>
    private async Task<JsonElement> AnswerAsync(DiscordBotHost bot, string command = "calendar", params (string Name, object Value)[] options)
    {
        var edits = Api.To(EditOriginal).Count();
        using var response = await bot.SendAsync(InteractionJson.Command(command, options));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement.Clone();
        Assert.Empty(OpenApiSpec.Load("discord-openapi.json").CheckJsonBody(Callback, "POST", root));
        if (root.GetProperty("type").GetInt32() == CallbackType.Message)
        {
            return root.GetProperty("data");
        }

        Assert.Equal(CallbackType.DeferredMessage, root.GetProperty("type").GetInt32());
        var edit = await Eventually.WaitForAsync(() => Api.To(EditOriginal).Skip(edits).FirstOrDefault(), "the deferred answer");
        return edit.Body!.Value;
    }
}

/// <summary>/calendar as a Slack slash command (HTTP mode, fake Web API): ephemeral, and no share button.</summary>
public sealed class SlackCalendarTests : WithFakeSlack
{
    private const string Channel = "C0COURSE01";

    [Fact]
    public async Task Calendar_answers_ephemerally_without_a_share_button_even_where_replies_are_public()
    {
        await using var bot = await SlackBotHost.StartAsync(Slack, Data.Path, configDirectory: CalendarAnswers.PublicRepliesCourse(Data.Path, Channel), replace: CalendarAnswers.WithPublicBase);

        var first = await AnswerAsync(bot, "/calendar", "");
        var second = await AnswerAsync(bot, "/coursebot", "calendar");

        Assert.Equal("ephemeral", first["response_type"]!.GetValue<string>());
        Assert.DoesNotContain("coursebot_share", first.ToJsonString(), StringComparison.Ordinal);
        CalendarAnswers.AssertLinks(first.ToJsonString());
        Assert.Equal(CalendarAnswers.Personal(first.ToJsonString()), CalendarAnswers.Personal(second.ToJsonString()));
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
    }

    [Fact]
    public async Task Without_a_public_address_calendar_says_which_setting_to_set()
    {
        await using var bot = await SlackBotHost.StartAsync(Slack, Data.Path, configDirectory: CalendarAnswers.PublicRepliesCourse(Data.Path, Channel));

        var answer = await AnswerAsync(bot, "/calendar", "");

        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.Contains("Http__PublicBaseUrl", answer.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The answer: in the acknowledgement, or (when it took a while) through response_url.</summary>
    private async Task<JsonObject> AnswerAsync(SlackBotHost bot, string command, string text)
    {
        var before = Slack.Responses.Count;
        using var response = await bot.CommandAsync(Slack, command, text);
        var ack = await response.Content.ReadAsStringAsync();
        return ack.Contains("Working on", StringComparison.Ordinal)
            ? (await Eventually.WaitForAsync(() => Slack.Responses.Skip(before).FirstOrDefault(), "the answer through response_url")).AsObject()
            : JsonNode.Parse(ack)!.AsObject();
    }
}

/// <summary>The Slack Home tab points to /calendar.</summary>
public sealed class SlackHomeCalendarTests : WithFakeSlack
{
    [Fact]
    public async Task The_home_tab_mentions_calendar()
    {
        await using var bot = await SlackBotHost.StartAsync(Slack, Data.Path);
        var opened = """{"type":"event_callback","event_id":"Ev0CAL01","team_id":"T0FAKE","event":{"type":"app_home_opened","user":"USTUDENT05","tab":"home"}}""";

        using (await bot.SendAsync("/slack/events", opened, "application/json"))
        {
        }

        var publish = await Eventually.WaitForAsync(() => Slack.To("views.publish").FirstOrDefault(), "views.publish");
        Assert.Contains("/calendar", publish.Body["view"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
    }
}
