using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseBot.Bot.Cli;

/// <summary>
/// Where <c>coursebot run</c> listens, decided in one place so that <c>coursebot probe</c> (the
/// container's health check) always asks the port the bot really listens on.
/// </summary>
internal static class ListenAddress
{
    /// <summary>Loopback only: a bot started on a laptop is not reachable from the network by surprise.</summary>
    public const string Default = "http://127.0.0.1:8080";

    /// <summary>
    /// True when the settings say where to listen: <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) or
    /// the ports the ASP.NET Core container images set (<c>ASPNETCORE_HTTP_PORTS</c>, <c>…_HTTPS_PORTS</c>).
    /// </summary>
    public static bool IsConfigured(IConfiguration settings) =>
        !string.IsNullOrWhiteSpace(settings["urls"])
        || !string.IsNullOrWhiteSpace(settings["http_ports"])
        || !string.IsNullOrWhiteSpace(settings["https_ports"]);

    /// <summary>
    /// <c>/readyz</c> on the first HTTP address <c>run</c> would listen on with these settings; a wildcard
    /// host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) is asked on 127.0.0.1. <c>urls</c> wins over
    /// the ports, as in ASP.NET Core.
    /// </summary>
    public static Uri ReadinessUrl(IConfiguration settings)
    {
        if (Split(settings["urls"]).FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) is { } url)
        {
            return new Uri(LoopbackFor(url).TrimEnd('/') + "/readyz");
        }

        if (Split(settings["http_ports"]).FirstOrDefault() is { } port)
        {
            return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/readyz"));
        }

        return new Uri(Default + "/readyz");
    }

    /// <summary>How to set the addresses, for every message about them.</summary>
    public const string HowToSet = "set --urls or the ASPNETCORE_URLS setting to e.g. " + Default;

    /// <summary>
    /// What is wrong with a <c>;</c>-separated list of listen addresses (<c>--urls</c>, <c>ASPNETCORE_URLS</c>):
    /// one line per address that cannot work, said before the bot starts rather than as .NET's own text.
    /// Only plain http: the bot does not serve TLS itself.
    /// </summary>
    public static IReadOnlyList<string> Problems(string urls) =>
        [.. Split(urls).Select(Problem).OfType<string>()];

    private static string? Problem(string url)
    {
        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return $"cannot listen on {url}: the bot does not serve TLS (https); put it behind an HTTPS reverse proxy and listen on http, e.g. --urls {Default} (or ASPNETCORE_URLS)";
        }

        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return $"cannot listen on \"{url}\": not an http:// address; {HowToSet}";
        }

        // http://HOST[:PORT][/path]; HOST may be [IPv6], + or *; without a port it is 80, and port 0 is any free
        // port (tests use it), as in ASP.NET Core.
        var authority = url["http://".Length..].Split('/')[0];
        var portStart = authority.StartsWith('[') ? authority.IndexOf("]:", StringComparison.Ordinal) is >= 0 and var end ? end + 1 : -1 : authority.LastIndexOf(':');
        var host = portStart >= 0 ? authority[..portStart] : authority;
        if (host.Length == 0 || (host.StartsWith('[') && !host.EndsWith(']')))
        {
            return $"cannot listen on {url}: the address has no host; {HowToSet}";
        }

        if (portStart >= 0)
        {
            var port = authority[(portStart + 1)..];
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
            {
                return $"cannot listen on {url}: the port \"{port}\" is not a number from 1 to 65535 (or 0: any free port); {HowToSet}";
            }
        }

        return null;
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><c>http://+:8080</c> → <c>http://127.0.0.1:8080</c>; a named host stays as it is.</summary>
    private static string LoopbackFor(string url) =>
        Regex.Replace(url, @"^http://(\+|\*|0\.0\.0\.0|\[::\])(?=[:/]|$)", "http://127.0.0.1", RegexOptions.IgnoreCase);
}
