using CourseBot.Bot.Delivery;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>
/// A chat platform in memory: keeps every message posted, finds one by its token (as a real adapter
/// would search a channel's recent history for its nonce), and can be told to refuse, crash or wait.
/// </summary>
public sealed class FakePlatform : IPostDelivery<string>
{
    private readonly Lock gate = new();
    private readonly List<(string Id, string Token, string Channel, string Text)> messages = [];
    private readonly Queue<DeliveryResult> refusals = new();

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
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    public void RefuseNext(string reason, bool retryable)
    {
        lock (gate)
        {
            refusals.Enqueue(DeliveryResult.Failed(reason, retryable));
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
        lock (gate)
        {
            if (refusals.TryDequeue(out var refusal))
            {
                return refusal;
            }

            id = (1000 + messages.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
            messages.Add((id, key.Token, key.Channel, content));
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
        lock (gate)
        {
            return Task.FromResult(messages.Where(m => m.Token == key.Token && m.Channel == key.Channel)
                .Select(m => (string?)m.Id).FirstOrDefault());
        }
    }
}
