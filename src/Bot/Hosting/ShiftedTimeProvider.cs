namespace CourseBot.Bot.Hosting;

/// <summary>
/// A clock that starts at a chosen moment and runs on in real time (<c>coursebot run --at</c>): another
/// clock moved by a fixed offset. Timers and timestamps are the other clock's, so a wait of a minute is
/// a minute, and everything that reads "now" — replies, the ledger, Quartz — agrees on the shifted time.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _offset;

    public ShiftedTimeProvider(TimeProvider clock, DateTimeOffset start)
    {
        _clock = clock;
        _offset = start - clock.GetUtcNow();
    }

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _clock.CreateTimer(callback, state, dueTime, period);
}
