namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// An interaction as it arrived (the raw JSON of the interaction object) and when, on the monotonic
/// clock (<see cref="TimeProvider.GetTimestamp"/>): the 3-second deadline counts from here.
/// </summary>
public sealed record ReceivedInteraction(ReadOnlyMemory<byte> Json, long ReceivedAt);
