using System.Security.Cryptography;
using System.Text;

namespace CourseBot.Bot.Calendar;

internal static class Hashes
{
    /// <summary>A short SHA-256 of the text: 16 bytes in hex, plenty to tell versions apart.</summary>
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
