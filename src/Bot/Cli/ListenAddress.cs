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

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><c>http://+:8080</c> → <c>http://127.0.0.1:8080</c>; a named host stays as it is.</summary>
    private static string LoopbackFor(string url) =>
        Regex.Replace(url, @"^http://(\+|\*|0\.0\.0\.0|\[::\])(?=[:/]|$)", "http://127.0.0.1", RegexOptions.IgnoreCase);
}
