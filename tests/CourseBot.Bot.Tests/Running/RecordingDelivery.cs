using CourseBot.Bot.Delivery;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Running;

/// <summary>A platform in memory that keeps every post with the clock time it arrived, and can crash after storing one.</summary>
internal sealed class RecordingDelivery(TimeProvider clock, string platform = "discord") : IPostDelivery<Reply>
{
    private readonly List<(PostKey Key, Reply Reply, DateTimeOffset At, string Id)> _posts = [];

    public string Platform => platform;

    /// <summary>The next post is stored, then the call throws, as if the bot died before recording it.</summary>
    public bool CrashAfterNextPost { get; set; }

    public IReadOnlyList<(PostKey Key, Reply Reply, DateTimeOffset At, string Id)> Posts => _posts;

    public Task<DeliveryResult> PostAsync(PostKey key, Reply content, CancellationToken ct)
    {
        var id = $"m{_posts.Count + 1}";
        _posts.Add((key, content, clock.GetUtcNow(), id));
        if (CrashAfterNextPost)
        {
            CrashAfterNextPost = false;
            throw new HttpRequestException("connection reset after the message was sent");
        }

        return Task.FromResult(DeliveryResult.Sent(id));
    }

    public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct) =>
        Task.FromResult(_posts.Where(p => p.Key.Token == key.Token).Select(p => (string?)p.Id).FirstOrDefault());
}
