using System.Threading.Channels;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Hands interactions from the gateway's receive loop to the workers that answer them, so a slow answer
/// never delays a heartbeat. Unbounded: the loop must never wait, and interactions are small and rare.
/// </summary>
public sealed class InteractionQueue
{
    private readonly Channel<ReceivedInteraction> _channel = Channel.CreateUnbounded<ReceivedInteraction>(
        new UnboundedChannelOptions { SingleWriter = true, SingleReader = false });

    public void Enqueue(ReceivedInteraction interaction)
    {
        // An unbounded channel only refuses after Complete, which nothing calls while the loop runs.
        if (!_channel.Writer.TryWrite(interaction))
        {
            throw new InvalidOperationException("the interaction queue is closed");
        }
    }

    public IAsyncEnumerable<ReceivedInteraction> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);
}
