using System.CommandLine;

namespace CourseBot.Bot.Cli;

/// <summary>
/// <c>coursebot probe [URL]</c>: exit 0 when the URL answers 2xx, 1 otherwise, with one line saying
/// what it got. The container's HEALTHCHECK uses it, because the runtime image has no curl; Docker
/// reads 0 as healthy and 1 as unhealthy (2 is reserved), so every failure is 1.
/// </summary>
internal static class ProbeCommand
{
    /// <summary>Under the Dockerfile's 3 s health-check timeout, so a slow answer is reported, not killed.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2.5);

    public static Command Create()
    {
        // A string, not a Uri: System.CommandLine 2.0 cannot convert to Uri and throws at GetValue.
        var url = new Argument<string?>("url")
        {
            Description = "The URL to ask (default: /readyz where `coursebot run` listens, from ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("probe", "Check a health endpoint: exit 0 when it answers 2xx, 1 otherwise (for container health checks)") { url };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            Uri target;
            if (result.GetValue(url) is { } text)
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                {
                    error.WriteLine($"probe: \"{text}\" is not an http(s) URL; write it in full, e.g. http://127.0.0.1:8080/readyz");
                    return 1;
                }

                target = parsed;
            }
            else
            {
                target = ListenAddress.ReadinessUrl(new ConfigurationBuilder()
                    .AddEnvironmentVariables("DOTNET_")
                    .AddEnvironmentVariables("ASPNETCORE_")
                    .Build());
            }

            using var http = new HttpClient { Timeout = Timeout };
            try
            {
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var line = $"{target}: {(int)response.StatusCode} {response.ReasonPhrase}";
                if (response.IsSuccessStatusCode)
                {
                    output.WriteLine(line);
                    return 0;
                }

                error.WriteLine(line);
                return 1;
            }
            catch (HttpRequestException e)
            {
                error.WriteLine($"{target}: no answer ({e.Message})");
                return 1;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error.WriteLine($"{target}: no answer within {Timeout.TotalSeconds} s");
                return 1;
            }
        });
        return command;
    }
}
