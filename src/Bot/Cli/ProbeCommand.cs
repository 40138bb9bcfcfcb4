using System.CommandLine;

namespace CourseBot.Bot.Cli;

/// <summary>
/// <c>coursebot probe URL</c>: exit 0 when the URL answers 200. The container's HEALTHCHECK uses it,
/// because the runtime image has no curl.
/// </summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var url = new Argument<Uri>("url") { Description = "The health URL, e.g. http://127.0.0.1:8080/readyz" };
        var command = new Command("probe", "Check a health endpoint (for container health checks)") { url };
        command.Hidden = true;
        command.SetAction(async (result, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            try
            {
                using var response = await http.GetAsync(result.GetValue(url), cancellationToken);
                result.InvocationConfiguration.Output.WriteLine((int)response.StatusCode);
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                result.InvocationConfiguration.Error.WriteLine($"probe failed: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
