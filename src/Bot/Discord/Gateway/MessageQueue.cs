using System.Threading.Channels;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>
/// Hands new messages from the gateway's receive loop to <see cref="MentionHandler"/>, so reading them never
/// delays a heartbeat. Unbounded: the loop must never wait; the handler only filters and hands answers on.
/// </summary>
public sealed class MessageQueue
{
    private readonly Channel<ReceivedMessage> _channel = Channel.CreateUnbounded<ReceivedMessage>(
        new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });

    public void Enqueue(ReceivedMessage message)
    {
        // An unbounded channel only refuses after Complete, which nothing calls while the loop runs.
        if (!_channel.Writer.TryWrite(message))
        {
            throw new InvalidOperationException("the message queue is closed");
        }
    }

    public IAsyncEnumerable<ReceivedMessage> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);
}
