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

    /// <summary>
    /// The body, or null when it is larger than <see cref="MaxBytes"/> or never arrived whole (the
    /// client aborted, or sent too slowly for Kestrel's minimum data rate). A body that never arrived is
    /// reported to <paramref name="incomplete"/>, not thrown: the request is not yet authenticated.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpContext http, IncompleteBodies incomplete)
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            return null;
        }

        // Each read is copied out and consumed whole (consumed == examined): that leaves Kestrel's
        // connection in a state it can recover from when the body is cut short.
        var reader = http.Request.BodyReader;
        // Sized from Content-Length only up to a typical platform request: the header is the sender's claim.
        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(http.Request.ContentLength ?? 4096, 1, 16 * 1024));
        try
        {
            while (true)
            {
                // No cancellation token: a read cancelled from outside leaves Kestrel's body reader
                // "in progress", and Kestrel then fails (with a stack trace) draining it. A client
                // that goes away ends the read anyway, and Kestrel's minimum data rate ends a slow one.
                var read = await reader.ReadAsync();
                var tooLarge = body.WrittenCount + read.Buffer.Length > MaxBytes;
                if (!tooLarge)
                {
                    foreach (var segment in read.Buffer)
                    {
                        body.Write(segment.Span);
                    }
                }

                reader.AdvanceTo(read.Buffer.End);
                if (tooLarge)
                {
                    return null;
                }

                if (read.IsCompleted)
                {
                    return body.WrittenSpan.ToArray();
                }
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // End the connection now: nothing can be answered on it, and left open Kestrel would try to
            // drain a body reader the failed read left in use, and log that as an error per request.
            http.Abort();
            incomplete.Dropped(http.Request.Path, e.Message);
            return null;
        }
    }
}

/// <summary>
/// Reports request bodies that never arrived whole: one warning line, without a stack trace, at most
/// once per <see cref="Interval"/> (on the injected clock), with how many more were dropped since.
/// They happen before any signature check, so anyone can cause them; a full error with a stack trace
/// for each would let a stranger fill the log.
/// </summary>
public sealed partial class IncompleteBodies(TimeProvider time, ILogger<IncompleteBodies> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastLine;
    private int _notLogged;
    private long _total;

    /// <summary>How many bodies were dropped since start, each counted after it was reported.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Dropped(string path, string reason)
    {
        int notLogged;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_lastLine is { } last && now - last < Interval)
            {
                _notLogged++;
                notLogged = -1;
            }
            else
            {
                _lastLine = now;
                notLogged = _notLogged;
                _notLogged = 0;
            }
        }

        if (notLogged >= 0)
        {
            LogDropped(path, reason, notLogged);
        }

        Interlocked.Increment(ref _total);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a request to {Path} whose body never arrived ({Reason}); {NotLogged} more since the last such line (at most one a minute)")]
    private partial void LogDropped(string path, string reason, int notLogged);
}
