using System.Net;
using System.Net.Http.Headers;
using CourseBot.Core.ReadingList;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Reads a course source from a local file or an http(s) URL. URLs are asked with a conditional GET
/// (ETag / Last-Modified), so an unchanged reading list costs the course site a 304. Whatever the
/// source does, a read ends within <see cref="Deadline"/>, holds at most <see cref="MaxBytes"/> in
/// memory and follows redirects only to http(s); anything else is a failed read, never an exception.
/// </summary>
public sealed class SourceReader
{
    /// <summary>The same cap the parsers apply to a file's text.</summary>
    public const int MaxBytes = SourceText.MaxBytes;

    /// <summary>How long one read may take in all: connecting, headers and the whole body.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>How long a changed local file must stay the same before it is taken (an editor may still be writing it).</summary>
    public static readonly TimeSpan DefaultSettleTime = TimeSpan.FromMilliseconds(500);

    private const int MaxRedirects = 5;

    // A file that is still different after this many settle periods is taken as it is then.
    private const int MaxSettleRounds = 10;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>For one-off commands: system clock, default deadline. <paramref name="http"/> comes from <see cref="NewHttpClient"/>.</summary>
    public SourceReader(HttpClient http)
        : this(http, TimeProvider.System, DefaultDeadline, DefaultSettleTime)
    {
    }

    public SourceReader(HttpClient http, TimeProvider time, TimeSpan deadline, TimeSpan settleTime)
    {
        _http = http;
        _time = time;
        Deadline = deadline;
        SettleTime = settleTime;
    }

    public TimeSpan Deadline { get; }

    public TimeSpan SettleTime { get; }

    /// <summary>
    /// The client a reader needs: redirects are left to the reader (an automatic one could go to a
    /// file: or ftp: address), and the reader's deadline replaces the client's timeout.
    /// </summary>
    public static HttpClient NewHttpClient() =>
        new(NewHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    public static HttpMessageHandler NewHandler() => new SocketsHttpHandler { AllowAutoRedirect = false };

    public static bool IsUrl(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads <paramref name="location"/> again. With a <paramref name="current"/> version (a refresh, not
    /// the first load) a local file that changed is read again after <see cref="SettleTime"/> until two
    /// reads agree, so a file caught half-written is not taken.
    /// </summary>
    public async Task<SourceRead> ReadAsync(string location, SourceContent? current, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(Deadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return IsUrl(location)
                ? await FetchAsync(location, current, linked.Token)
                : await ReadFileSettledAsync(location, current, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new SourceRead.Failed($"reading it took longer than {Deadline.TotalSeconds:0} s (Courses:SourceTimeout), so it was stopped");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or UriFormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SourceRead.Failed(Describe(e));
        }
    }

    private async Task<SourceRead> ReadFileSettledAsync(string path, SourceContent? current, CancellationToken cancellationToken)
    {
        var read = await ReadFileAsync(path, current, cancellationToken);
        if (current is null)
        {
            return read;
        }

        for (var round = 0; round < MaxSettleRounds && read is SourceRead.Changed changed; round++)
        {
            await Task.Delay(SettleTime, _time, cancellationToken);
            var again = await ReadFileAsync(path, current, cancellationToken);
            if (again is SourceRead.Changed same && same.Content.Hash == changed.Content.Hash)
            {
                return again;
            }

            read = again;
        }

        return read;
    }

    private static async Task<SourceRead> ReadFileAsync(string path, SourceContent? current, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, useAsync: true);

        // The size is checked before anything is read, so a huge file costs nothing.
        if (file.Length > MaxBytes)
        {
            return TooLarge(file.Length);
        }

        var bytes = await ReadCappedAsync(file, cancellationToken);
        return bytes is null ? TooLarge(null) : Outcome(SourceContent.From(path, bytes), current);
    }

    private async Task<SourceRead> FetchAsync(string url, SourceContent? current, CancellationToken cancellationToken)
    {
        var uri = new Uri(url);
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (current?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (current?.LastModified is { } modified)
            {
                request.Headers.IfModifiedSince = modified;
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new SourceRead.Unchanged();
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (!Uri.TryCreate(uri, location, out var next))
                {
                    return new SourceRead.Failed("the server redirects to an address that is not a valid URL; only http and https redirects are followed");
                }

                if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                {
                    return new SourceRead.Failed($"the server redirects to a \"{next.Scheme}:\" address; only http and https redirects are followed");
                }

                if (redirects == MaxRedirects)
                {
                    return new SourceRead.Failed($"the server redirected more than {MaxRedirects} times; use the final address in the course file");
                }

                uri = next;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                return new SourceRead.Failed($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return TooLarge(response.Content.Headers.ContentLength);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var bytes = await ReadCappedAsync(body, cancellationToken);
            return bytes is null
                ? TooLarge(null)
                : Outcome(SourceContent.From(url, bytes, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified), current);
        }
    }

    /// <summary>The whole stream, or null as soon as it goes past <see cref="MaxBytes"/> (the rest is never read).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static SourceRead Outcome(SourceContent content, SourceContent? current) =>
        content.Hash == current?.Hash ? new SourceRead.Unchanged() : new SourceRead.Changed(content);

    private static SourceRead.Failed TooLarge(long? length) => new(
        length is { } size
            ? $"it is {size / (1024.0 * 1024.0):0.0} MB, more than the {MaxBytes / (1024 * 1024)} MB CourseBot reads (is it the reading list or papers file?)"
            : $"it is more than the {MaxBytes / (1024 * 1024)} MB CourseBot reads, so reading stopped there (is it the reading list or papers file?)");

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "the file does not exist",
        TaskCanceledException => "the request timed out",
        UriFormatException => "the address is not a valid URL",
        _ => e.Message,
    };
}
