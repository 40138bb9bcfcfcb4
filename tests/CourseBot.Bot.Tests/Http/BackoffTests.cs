using CourseBot.Bot.Http;

namespace CourseBot.Bot.Tests.Http;

public sealed class BackoffTests
{
    private static readonly Backoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void Each_failure_doubles_the_wait_up_to_the_cap(int failures, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Delay(failures, Backoff.NoJitter));

    [Fact]
    public void Jitter_spreads_a_wait_by_a_quarter_either_way_also_at_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Backoff.Delay(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(4.5), Backoff.Delay(3, 0.75));
        Assert.Equal(TimeSpan.FromSeconds(45), Backoff.Delay(20, 0));
        Assert.True(Backoff.Delay(20, 0.999) < TimeSpan.FromSeconds(75));
    }
}
