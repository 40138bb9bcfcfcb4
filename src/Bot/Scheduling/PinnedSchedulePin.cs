namespace CourseBot.Bot.Scheduling;

/// <summary>
/// What a pin "post" carries through the ledger (<see cref="PostKinds.Schedule"/>, slot <see cref="PinnedSchedule.PinSlot"/>):
/// the id of the schedule message to pin. Recorded like a post, so a channel's schedule is pinned once however
/// many rounds and nodes get there; a message staff unpinned stays unpinned.
/// </summary>
public sealed record PinnedSchedulePin(string MessageId);
