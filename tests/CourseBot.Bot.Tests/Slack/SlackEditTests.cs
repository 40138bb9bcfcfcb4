using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>Posts edited in place on Slack with chat.update through the ledger: once per version, deleted messages, 429s.</summary>
public sealed class SlackEditTests : WithFakeSlack
{
    private const string Channel = "C0ROSTER";

    [Fact]
    public async Task An_edit_goes_out_once_with_chat_update_keeps_the_metadata_and_the_same_version_again_sends_nothing()
    {
        var node = await NodeAsync("node-a", TimeProvider.System);
        var key = Key("2025-09-08");
        await node.Sender.SendAsync(key, Roster("nobody yet"), "v1", CancellationToken.None);
        var ts = Assert.Single(Slack.MessagesIn(Channel))["ts"]!.GetValue<string>();

        var edited = await node.Editor.EnsureCurrentAsync(key, Roster("Ada leads HybridFlow"), "v2", EditOptions.EditOnly, CancellationToken.None);
        var again = await (await NodeAsync("node-b", TimeProvider.System)).Editor.EnsureCurrentAsync(key, Roster("Ada leads HybridFlow"), "v2", EditOptions.EditOnly, CancellationToken.None);

        Assert.Equal((EditStatus.Edited, ts), (edited.Status, edited.MessageId));
        Assert.Equal(EditStatus.Current, again.Status);
        var update = Assert.Single(Slack.To("chat.update"));
        Assert.Equal((Channel, ts), (update.Body["channel"]!.GetValue<string>(), update.Body["ts"]!.GetValue<string>()));
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
        var message = Assert.Single(Slack.MessagesIn(Channel));
        Assert.Contains("Ada leads HybridFlow", message["blocks"]!.ToJsonString());
        Assert.Equal(ts, await node.Delivery.FindExistingAsync(key, CancellationToken.None));
        Assert.Equal("v2", (await node.Ledger.FindAsync(key, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task A_deleted_message_is_gone_for_an_announcement_and_reposted_once_for_a_roster()
    {
        var node = await NodeAsync("node-a", TimeProvider.System);
        var announcement = Key("2025-09-15");
        var roster = Key("2025-09-22");
        await node.Sender.SendAsync(announcement, Roster("Week 2"), "v1", CancellationToken.None);
        await node.Sender.SendAsync(roster, Roster("nobody yet"), "v1", CancellationToken.None);
        foreach (var message in Slack.MessagesIn(Channel))
        {
            Slack.DeleteMessage(Channel, message["ts"]!.GetValue<string>());
        }

        var gone = await node.Editor.EnsureCurrentAsync(announcement, Roster("Week 2, changed"), "v2", EditOptions.EditOnly, CancellationToken.None);
        var reposted = await node.Editor.EnsureCurrentAsync(roster, Roster("Ada"), "v2", new EditOptions(RepostIfGone: true), CancellationToken.None);
        Slack.DeleteMessage(Channel, reposted.MessageId!);
        var goneForGood = await node.Editor.EnsureCurrentAsync(roster, Roster("Ada, Grace"), "v3", new EditOptions(RepostIfGone: true), CancellationToken.None);

        Assert.Equal(EditStatus.Gone, gone.Status);
        Assert.Equal(EditStatus.Reposted, reposted.Status);
        Assert.Equal(EditStatus.Gone, goneForGood.Status);
        Assert.Equal(3, Slack.To("chat.postMessage").Count());
        Assert.Empty(Slack.MessagesIn(Channel));
        Assert.Contains("message_not_found", (await node.Ledger.FindAsync(announcement, CancellationToken.None))!.LastError);
        Assert.Equal(reposted.MessageId, (await node.Ledger.FindAsync(roster, CancellationToken.None))!.MessageId);
    }

    [Fact]
    public async Task A_rate_limited_edit_waits_retry_after_then_is_retry_later_when_slack_keeps_refusing()
    {
        var clock = new TimerSignals(new DateTimeOffset(2025, 9, 8, 23, 0, 0, TimeSpan.Zero));
        var node = await NodeAsync("node-a", clock);
        var key = Key("2025-09-29");
        await clock.AdvanceWhileWaitingAsync(TimeSpan.FromSeconds(1), node.Sender.SendAsync(key, Roster("nobody yet"), "v1", CancellationToken.None));
        Slack.ForceUpdateRateLimits = 100;

        var limited = node.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", EditOptions.EditOnly, CancellationToken.None);
        await clock.AdvanceWhileWaitingAsync(TimeSpan.FromSeconds(1), limited);
        Slack.ForceUpdateRateLimits = 0;
        var next = await node.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", EditOptions.EditOnly, CancellationToken.None);

        Assert.Equal((EditStatus.RetryLater, TimeSpan.FromSeconds(1)), ((await limited).Status, (await limited).RetryAfter));
        Assert.Equal(SlackHttp.MaxAttempts, Slack.To("chat.update").Count() - 1);
        Assert.Equal(EditStatus.Edited, next.Status);
        Assert.Equal("v2", (await node.Ledger.FindAsync(key, CancellationToken.None))!.Version);
    }

    private static PostKey Key(string slot) => new("cs395t", slot, PostKinds.Announcement, "slack", Channel);

    private static Reply Roster(string text) => new("Discussion leads · Week 3", [new ReplyBlock.Paragraph(new Span.Text(text))], TimeZoneInfo.Utc);

    private async Task<Node> NodeAsync(string name, TimeProvider clock)
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(Data.Path, "ledger.db")}", clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var delivery = new SlackPostDelivery(RestClients.Slack(Slack.ApiBaseUrl, clock), clock, NullLogger<SlackPostDelivery>.Instance);
        var sender = new PostSender<Reply>(ledger, [delivery], name, NullLogger<PostSender<Reply>>.Instance);
        return new Node(ledger, delivery, sender, new PostEditor<Reply>(ledger, sender, [delivery], name, NullLogger<PostEditor<Reply>>.Instance));
    }

    private sealed record Node(SqlPostingLedger Ledger, SlackPostDelivery Delivery, PostSender<Reply> Sender, PostEditor<Reply> Editor);
}
