using System.Text;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Slack;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Specs;

/// <summary>Both platforms' signature checks against published vectors, not just against themselves.</summary>
public sealed class SignatureVectorTests
{
    [Fact]
    public void Ed25519_accepts_rfc_8032_test_2_and_nothing_altered()
    {
        // RFC 8032 §7.1 TEST 2: the message is the single byte 0x72 ('r'); here it is the whole "timestamp".
        var signature = new InteractionSignature("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        const string Signed = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

        Assert.True(signature.IsValid(Signed, "r", []));
        Assert.False(signature.IsValid(Signed, "s", []));
        Assert.False(signature.IsValid(Signed, "r", "x"u8));
        Assert.False(signature.IsValid(Signed[..^2] + "01", "r", []));
    }

    [Fact]
    public void Slack_v0_matches_slacks_documented_example()
    {
        // api.slack.com/authentication/verifying-requests-from-slack, "Validating a request".
        var body = Encoding.UTF8.GetBytes("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
        const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
        const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        var atTheTime = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618 + 60));
        var tooLate = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618 + 301));

        Assert.Equal(Expected, SlackSignature.Sign(Secret, "1531420618", body));
        Assert.True(new SlackSignature(Secret, atTheTime).IsValid(Expected, "1531420618", body));
        Assert.False(new SlackSignature(Secret, tooLate).IsValid(Expected, "1531420618", body));
        Assert.Throws<ArgumentException>(() => new SlackSignature("", atTheTime));
    }
}
