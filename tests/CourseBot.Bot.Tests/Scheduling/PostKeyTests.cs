using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;

namespace CourseBot.Bot.Tests.Scheduling;

public sealed class PostKeyTests
{
    [Fact]
    public void The_token_is_stable_short_and_fits_a_discord_nonce()
    {
        var key = new PostKey("cs395t", "week-3", PostKinds.Announcement, "discord", "123456789012345678");

        Assert.Equal(key.Token, new PostKey("cs395t", "week-3", "announcement", "discord", "123456789012345678").Token);
        Assert.InRange(key.Token.Length, 1, 25);
        Assert.Matches("^[0-9a-f]+$", key.Token);
    }

    [Theory]
    [InlineData("week-4", "announcement", "123")]
    [InlineData("week-3", "reminder", "123")]
    [InlineData("week-3", "announcement", "124")]
    public void Different_keys_have_different_tokens(string slot, string kind, string channel)
    {
        var week3 = new PostKey("cs395t", "week-3", PostKinds.Announcement, "discord", "123");

        Assert.NotEqual(week3.Token, new PostKey("cs395t", slot, kind, "discord", channel).Token);
    }

    [Fact]
    public void Parts_cannot_run_into_each_other()
    {
        Assert.NotEqual(
            new PostKey("ab", "c", PostKinds.Holiday, "slack", "x").Token,
            new PostKey("a", "bc", PostKinds.Holiday, "slack", "x").Token);
    }

    [Fact]
    public void An_unknown_kind_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PostKey("cs395t", "week-3", "digest", "discord", "1"));
    }
}
