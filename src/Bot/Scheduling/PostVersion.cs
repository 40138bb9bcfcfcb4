using System.Security.Cryptography;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// The version of a composed post: a digest of everything its message shows (the reply's JSON), so a send
/// and a later edit round compare like with like, and the same content always gives the same version.
/// </summary>
public static class PostVersion
{
    public static string Of(Reply reply)
    {
        using var json = new MemoryStream();
        ReplyJson.Write(reply, json, indented: false);
        return Convert.ToHexStringLower(SHA256.HashData(json.ToArray()).AsSpan(0, 16));
    }
}
