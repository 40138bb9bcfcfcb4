using CourseBot.Bot.Delivery;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>
/// A chat platform in memory: keeps every message posted, finds one by its token (as a real adapter
/// would search a channel's recent history for its nonce), and can be told to refuse, crash or wait.
/// </summary>
public sealed class FakePlatform : IPostDelivery<string>
{
    private readonly Lock _gate = new();
    private readonly List<(string Id, string Token, string Channel, string Text)> _messages = [];
    private readonly Queue<DeliveryResult> _refusals = new();

    public string Platform => "discord";

    /// <summary>When set, the next post is stored and then the call throws, as if the process died before recording it.</summary>
    public bool CrashAfterNextPost { get; set; }

    /// <summary>When set, posts wait for this task before being stored.</summary>
    public Task? Hold { get; set; }

    /// <summary>Completes when a post has reached the platform and is waiting on <see cref="Hold"/>.</summary>
    public TaskCompletionSource PostStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Id, string Token, string Channel, string Text)> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public void RefuseNext(string reason, bool retryable)
    {
        lock (_gate)
        {
            _refusals.Enqueue(DeliveryResult.Failed(reason, retryable));
        }
    }

    public async Task<DeliveryResult> PostAsync(PostKey key, string content, CancellationToken ct)
    {
        PostStarted.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.WaitAsync(ct);
        }

        string id;
        lock (_gate)
        {
            if (_refusals.TryDequeue(out var refusal))
            {
                return refusal;
            }

            id = (1000 + _messages.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _messages.Add((id, key.Token, key.Channel, content));
        }

        if (CrashAfterNextPost)
        {
            CrashAfterNextPost = false;
            throw new IOException("Connection reset after the request was sent.");
        }

        return DeliveryResult.Sent(id);
    }

    public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.Where(m => m.Token == key.Token && m.Channel == key.Channel)
                .Select(m => (string?)m.Id).FirstOrDefault());
        }
    }
}
