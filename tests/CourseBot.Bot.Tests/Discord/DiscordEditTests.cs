using System.Text.Json;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>Posts edited in place on Discord through the ledger: once per version, across nodes and restarts; deleted messages.</summary>
public sealed class DiscordEditTests : WithFakeDiscord
{
    private const string Channel = "1200000000000000002";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 8, 23, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_edit_goes_out_once_keeps_the_marker_and_is_recorded_and_the_same_version_again_sends_nothing()
    {
        var node = await NodeAsync("node-a");
        var key = Key("2025-09-08");
        Assert.Equal(PostOutcome.Sent, await node.Sender.SendAsync(key, Roster("nobody yet"), "v1", CancellationToken.None));
        var messageId = Assert.Single(Api.Channels[Channel]).Id;

        var edited = await node.Editor.EnsureCurrentAsync(key, Roster("Ada leads HybridFlow"), "v2", EditOptions.EditOnly, CancellationToken.None);
        var again = await node.Editor.EnsureCurrentAsync(key, Roster("Ada leads HybridFlow"), "v2", EditOptions.EditOnly, CancellationToken.None);

        Assert.Equal((EditStatus.Edited, messageId), (edited.Status, edited.MessageId));
        Assert.Equal(EditStatus.Current, again.Status);
        var edit = Assert.Single(Api.Edits);
        Assert.Equal(messageId, edit.MessageId);
        Assert.Single(Api.To(FakeDiscordApi.EditTemplate));
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        Assert.False(edit.Body.TryGetProperty("nonce", out _));
        var message = Api.Find(Channel, messageId)!;
        Assert.Contains("Ada leads HybridFlow", message.Body.GetRawText());
        Assert.Equal(DiscordPostDelivery.Marker(key.Token), message.Body.GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString());
        Assert.Equal(messageId, await node.Delivery.FindExistingAsync(key, CancellationToken.None));
        var record = await node.Ledger.FindAsync(key, CancellationToken.None);
        Assert.Equal(("v2", _clock.GetUtcNow()), (record!.Version, record.EditedAt));
        Assert.Single(Api.Channels[Channel]);
    }

    [Fact]
    public async Task Two_nodes_racing_on_the_same_edit_send_one_patch()
    {
        var key = Key("2025-09-15");
        await (await NodeAsync("node-a")).Sender.SendAsync(key, Roster("nobody yet"), "v1", CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Api.Intercept = (request, _) =>
        {
            if (request.Method == "PATCH")
            {
                // Hold the first edit at Discord until the other node has tried too.
                arrived.TrySetResult();
                release.Task.Wait(TimeSpan.FromSeconds(15));
            }

            return null;
        };

        var nodeA = await NodeAsync("node-a");
        var first = nodeA.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", EditOptions.EditOnly, CancellationToken.None);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var second = await (await NodeAsync("node-b")).Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", EditOptions.EditOnly, CancellationToken.None);
        release.SetResult();
        var firstOutcome = await first;
        var third = await (await NodeAsync("node-b")).Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", EditOptions.EditOnly, CancellationToken.None);

        Assert.Equal((EditStatus.Edited, EditStatus.InProgress, EditStatus.Current), (firstOutcome.Status, second.Status, third.Status));
        Assert.Single(Api.To(FakeDiscordApi.EditTemplate));
    }

    [Fact]
    public async Task A_deleted_announcement_is_recorded_gone_and_never_posted_again()
    {
        var node = await NodeAsync("node-a");
        var key = Key("2025-09-22");
        await node.Sender.SendAsync(key, Roster("Week 3"), "v1", CancellationToken.None);
        Api.DeleteMessage(Channel, Api.Channels[Channel][0].Id);

        var first = await node.Editor.EnsureCurrentAsync(key, Roster("Week 3, changed"), "v2", EditOptions.EditOnly, CancellationToken.None);
        var later = await (await NodeAsync("node-b")).Editor.EnsureCurrentAsync(key, Roster("Week 3, changed again"), "v3", EditOptions.EditOnly, CancellationToken.None);

        Assert.Equal((EditStatus.Gone, EditStatus.Gone), (first.Status, later.Status));
        Assert.Single(Api.To(FakeDiscordApi.EditTemplate));
        Assert.Empty(Api.Channels[Channel]);
        var record = await node.Ledger.FindAsync(key, CancellationToken.None);
        Assert.Equal(_clock.GetUtcNow(), record!.GoneAt);
        Assert.Contains("Unknown Message", record.LastError);
    }

    [Fact]
    public async Task A_deleted_roster_is_posted_again_once_with_its_new_id_recorded_and_not_after_a_second_deletion()
    {
        var node = await NodeAsync("node-a");
        var key = Key("2025-09-29");
        var roster = new EditOptions(RepostIfGone: true);
        await node.Sender.SendAsync(key, Roster("nobody yet"), "v1", CancellationToken.None);
        var original = Api.Channels[Channel][0].Id;
        Api.DeleteMessage(Channel, original);

        var reposted = await node.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", roster, CancellationToken.None);
        var current = await (await NodeAsync("node-b")).Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", roster, CancellationToken.None);
        var repost = Assert.Single(Api.Channels[Channel]);
        Api.DeleteMessage(Channel, repost.Id);
        var deletedAgain = await node.Editor.EnsureCurrentAsync(key, Roster("Ada, Grace"), "v3", roster, CancellationToken.None);

        Assert.Equal((EditStatus.Reposted, repost.Id), (reposted.Status, reposted.MessageId));
        Assert.NotEqual(original, repost.Id);
        Assert.Contains("Ada", repost.Body.GetRawText());
        Assert.Equal(EditStatus.Current, current.Status);
        Assert.Equal(EditStatus.Gone, deletedAgain.Status);
        Assert.Empty(Api.Channels[Channel]);
        Assert.Equal(2, Api.To("/channels/{channel_id}/messages").Count(r => r.Method == "POST"));
        var record = await node.Ledger.FindAsync(key, CancellationToken.None);
        Assert.Equal((repost.Id, "v2"), (record!.MessageId, record.Version));
        Assert.NotNull(record.RepostedAt);
        Assert.NotNull(record.GoneAt);
    }

    [Fact]
    public async Task A_rate_limited_edit_is_retry_later_with_discords_wait_and_goes_through_on_the_next_run()
    {
        var node = await NodeAsync("node-a");
        var key = Key("2025-10-06");
        await node.Sender.SendAsync(key, Roster("nobody yet"), "v1", CancellationToken.None);
        Api.Intercept = (request, http) => request.Method == "PATCH" ? Api.TooManyRequests(http, 0.05, global: false, bucket: "edits") : null;

        var limited = await node.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", EditOptions.EditOnly, CancellationToken.None);
        var held = await node.Ledger.FindAsync(key, CancellationToken.None);
        Api.Intercept = null;
        var next = await node.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v2", EditOptions.EditOnly, CancellationToken.None);

        Assert.Equal(EditStatus.RetryLater, limited.Status);
        Assert.True(limited.ShouldRetry);
        Assert.Equal(TimeSpan.FromSeconds(0.05), limited.RetryAfter);
        Assert.Equal(("v1", null), (held!.Version, held.EditClaimant));
        Assert.Contains("rate-limiting", held.LastError);
        Assert.Equal(EditStatus.Edited, next.Status);
        Assert.Single(Api.Edits);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_round_of_edits_edits_nothing_twice()
    {
        var before = await NodeAsync("node-a");
        var done = Key("2025-10-13");
        var interrupted = Key("2025-10-20");
        var reposting = Key("2025-10-27");
        foreach (var key in new[] { done, interrupted, reposting })
        {
            await before.Sender.SendAsync(key, Roster("nobody yet"), "v1", CancellationToken.None);
        }

        // The round before the restart: one edit done; one claimed and stopped before Discord answered;
        // one whose message was deleted, re-posted, and the process stopped before recording it.
        await before.Editor.EnsureCurrentAsync(done, Roster("Ada"), "v2", EditOptions.EditOnly, CancellationToken.None);
        await before.Ledger.TryClaimEditAsync(interrupted, "v2", "node-a/stopped-1", false, CancellationToken.None);
        Api.DeleteMessage(Channel, Api.Channels[Channel].Single(m => m.Nonce == reposting.Token).Id);
        await before.Ledger.TryClaimEditAsync(reposting, "v2", "node-a/stopped-2", true, CancellationToken.None);
        await before.Ledger.MarkGoneAsync(reposting, "node-a/stopped-2", "Unknown Message", reposting: true, CancellationToken.None);
        var repost = await before.Delivery.PostAsync(reposting, Roster("Ada"), CancellationToken.None);
        var editsBefore = Api.Edits.Count;
        var postsBefore = Api.To("/channels/{channel_id}/messages").Count(r => r.Method == "POST");

        // After the restart: a new process, a new ledger on the same file.
        var after = await NodeAsync("node-a-restarted");
        var withinLease = await Task.WhenAll(new[] { done, interrupted, reposting }.Select(k =>
            after.Editor.EnsureCurrentAsync(k, Roster("Ada"), "v2", new EditOptions(RepostIfGone: k == reposting), CancellationToken.None)));
        _clock.Advance(new PostingLedgerOptions().ClaimLease);
        var afterLease = await Task.WhenAll(new[] { done, interrupted, reposting }.Select(k =>
            after.Editor.EnsureCurrentAsync(k, Roster("Ada"), "v2", new EditOptions(RepostIfGone: k == reposting), CancellationToken.None)));

        Assert.Equal([EditStatus.Current, EditStatus.InProgress, EditStatus.InProgress], withinLease.Select(o => o.Status));
        Assert.Equal([EditStatus.Current, EditStatus.Edited, EditStatus.Reposted], afterLease.Select(o => o.Status));
        Assert.Equal(editsBefore + 1, Api.Edits.Count);
        Assert.Equal(interrupted.Token, Api.Channels[Channel].Single(m => m.Id == Api.Edits.Last().MessageId).Nonce);
        Assert.Equal(postsBefore, Api.To("/channels/{channel_id}/messages").Count(r => r.Method == "POST"));
        Assert.Equal(repost.MessageId, (await after.Ledger.FindAsync(reposting, CancellationToken.None))!.MessageId);
        Assert.Equal(3, Api.Channels[Channel].Count);
    }

    [Fact]
    public async Task A_post_not_sent_yet_is_left_alone_or_sent_at_its_version_when_asked()
    {
        var node = await NodeAsync("node-a");
        var key = Key("2025-11-03");

        var left = await node.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v1", EditOptions.EditOnly, CancellationToken.None);
        var sent = await node.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v1", new EditOptions(SendIfMissing: true), CancellationToken.None);
        var current = await node.Editor.EnsureCurrentAsync(key, Roster("Ada"), "v1", new EditOptions(SendIfMissing: true), CancellationToken.None);

        Assert.Equal((EditStatus.NotSent, EditStatus.Sent, EditStatus.Current), (left.Status, sent.Status, current.Status));
        Assert.Single(Api.Channels[Channel]);
        Assert.Empty(Api.Edits);
        Assert.Equal("v1", (await node.Ledger.FindAsync(key, CancellationToken.None))!.Version);
    }

    private static PostKey Key(string slot) => new("cs395t", slot, PostKinds.Announcement, "discord", Channel);

    private static Reply Roster(string text) => new("Discussion leads · Week 3", [new ReplyBlock.Paragraph(new Span.Text(text))], TimeZoneInfo.Utc);

    /// <summary>One bot process: its own ledger instance on the shared SQLite file, REST client, sender and editor.</summary>
    private async Task<Process> NodeAsync(string name)
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(Data.Path, "ledger.db")}", _clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var delivery = new DiscordPostDelivery(RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System), NullLogger<DiscordPostDelivery>.Instance);
        var sender = new PostSender<Reply>(ledger, [delivery], name, NullLogger<PostSender<Reply>>.Instance);
        var editor = new PostEditor<Reply>(ledger, sender, [delivery], name, NullLogger<PostEditor<Reply>>.Instance);
        return new Process(ledger, delivery, sender, editor);
    }

    private sealed record Process(SqlPostingLedger Ledger, DiscordPostDelivery Delivery, PostSender<Reply> Sender, PostEditor<Reply> Editor);
}
