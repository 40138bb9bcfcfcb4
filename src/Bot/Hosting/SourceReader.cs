using System.Net;
using System.Net.Http.Headers;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Reads a course source from a local file or an http(s) URL. URLs are asked with a conditional GET
/// (ETag / Last-Modified), so an unchanged reading list costs the course site a 304.
/// </summary>
public sealed class SourceReader(HttpClient http)
{
    public static bool IsUrl(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public async Task<SourceRead> ReadAsync(string location, SourceContent? current, CancellationToken cancellationToken)
    {
        try
        {
            var content = IsUrl(location)
                ? await FetchAsync(location, current, cancellationToken)
                : SourceContent.From(location, await File.ReadAllBytesAsync(location, cancellationToken));
            return content is null || content.Hash == current?.Hash
                ? new SourceRead.Unchanged()
                : new SourceRead.Changed(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SourceRead.Failed(Describe(e));
        }
    }

    private async Task<SourceContent?> FetchAsync(string url, SourceContent? current, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (current?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (current?.LastModified is { } modified)
        {
            request.Headers.IfModifiedSince = modified;
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return SourceContent.From(url, bytes, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
    }

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "the file does not exist",
        TaskCanceledException => "the request timed out",
        _ => e.Message,
    };
}
