namespace CourseBot.Bot.Hosting;

/// <summary>One version of a course source file (reading list or papers), with what is needed to ask for the next.</summary>
/// <param name="Hash">SHA-256 of the bytes; equal hashes mean nothing changed.</param>
public sealed record SourceContent(string Location, byte[] Bytes, string Hash, string? ETag, DateTimeOffset? LastModified)
{
    public static SourceContent From(string location, byte[] bytes, string? etag = null, DateTimeOffset? lastModified = null) =>
        new(location, bytes, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), etag, lastModified);
}
