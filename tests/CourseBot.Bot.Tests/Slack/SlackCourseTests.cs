using System.Text.Json.Nodes;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>A course with a Slack channel: admins announce through the ledger, and a public course answers in the channel.</summary>
public sealed class SlackCourseTests : IAsyncLifetime
{
    private const string Channel = "C0COURSE";
    private readonly TempDirectory _data = new();
    private FakeSlack _slack = null!;
    private SlackBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        var config = CourseCopy.Create(_data.Path, course => course
            .Replace("slack: []", $"slack: [\"{Channel}\"]", StringComparison.Ordinal)
            .Replace("studentReplies: private", "studentReplies: public", StringComparison.Ordinal));
        _bot = await SlackBotHost.StartAsync(_slack, _data.Path, configDirectory: config);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Only_a_configured_admin_may_announce_and_it_posts_once()
    {
        Assert.Contains("Not allowed", await AnswerAsync("announce week3", "USTUDENT01"));
        Assert.Empty(_slack.To("chat.postMessage"));

        Assert.Contains($"slack {Channel}: posted", await AnswerAsync("announce week3", SlackBotHost.Admin));
        Assert.Contains($"slack {Channel}: already posted earlier", await AnswerAsync("announce week3", SlackBotHost.Admin));
        var post = Assert.Single(_slack.To("chat.postMessage"));
        Assert.Equal(Channel, post.Body["channel"]!.GetValue<string>());
        Assert.Contains("HybridFlow", post.Body.ToJsonString());
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    /// <summary>The answer to a /coursebot command: in the acknowledgement, or (when it took a while) through response_url.</summary>
    private async Task<string> AnswerAsync(string text, string user)
    {
        var before = _slack.Responses.Count;
        using var response = await _bot.CommandAsync(_slack, "/coursebot", text, user);
        var ack = await response.Content.ReadAsStringAsync();
        return ack.Contains("Working on", StringComparison.Ordinal)
            ? (await Eventually.WaitForAsync(() => _slack.Responses.Skip(before).FirstOrDefault(), "the answer through response_url")).ToJsonString()
            : ack;
    }

    [Fact]
    public async Task A_course_with_public_replies_answers_in_the_channel_without_a_share_button()
    {
        using var response = await _bot.CommandAsync(_slack, "/reading", "week3");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("in_channel", body["response_type"]!.GetValue<string>());
        Assert.DoesNotContain("coursebot_share", body.ToJsonString());
    }
}
