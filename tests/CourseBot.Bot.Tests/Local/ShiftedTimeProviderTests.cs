using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Local;

/// <summary>The clock behind <c>run --at</c>: starts at the given moment, then keeps the real clock's pace.</summary>
public sealed class ShiftedTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2025, 9, 8, 8, 59, 0, TimeSpan.FromHours(-5));
    private readonly FakeTimeProvider _system = new(new DateTimeOffset(2026, 12, 2, 13, 25, 0, TimeSpan.Zero));

    [Fact]
    public void It_starts_at_the_moment_given_and_runs_on_with_the_real_clock()
    {
        var clock = new ShiftedTimeProvider(_system, Start);
        Assert.Equal(Start, clock.GetUtcNow());

        _system.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(Start.AddSeconds(61), clock.GetUtcNow());
    }

    [Fact]
    public async Task A_wait_on_it_lasts_as_long_on_the_real_clock()
    {
        var clock = new ShiftedTimeProvider(_system, Start);
        var wait = Task.Delay(TimeSpan.FromMinutes(1), clock);

        _system.Advance(TimeSpan.FromSeconds(59));
        Assert.False(wait.IsCompleted);
        _system.Advance(TimeSpan.FromSeconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Start.AddMinutes(1), clock.GetUtcNow());
    }
}
