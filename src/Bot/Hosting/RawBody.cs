using System.Buffers;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Reads a request body as raw bytes, up to a limit: platform signatures are checked on exactly the
/// bytes sent, before anything parses them.
/// </summary>
public static class RawBody
{
    /// <summary>Platform requests are a few kilobytes; anything much larger is not from the platform.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            return null;
        }

        var reader = http.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(http.RequestAborted);
            if (read.Buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
