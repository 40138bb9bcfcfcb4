using CourseBot.Bot.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CourseBot.Bot.Tests.Cli;

/// <summary><c>coursebot probe</c>, the container's HEALTHCHECK: 0 for a 2xx answer, 1 with one line otherwise.</summary>
public sealed class ProbeCommandTests
{
    [Fact]
    public async Task A_200_answer_exits_0_and_says_so_on_one_line()
    {
        var (app, root) = await LoopbackApp.StartAsync(app => app.MapGet("/readyz", () => Results.Ok()));
        await using var _ = app;

        var run = await Task.Run(() => CliRun.Invoke("probe", new Uri(root, "readyz").ToString()));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{new Uri(root, "readyz")}: 200 OK", run.Output.TrimEnd());
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task A_503_answer_exits_1_with_the_status_on_one_line()
    {
        var (app, root) = await LoopbackApp.StartAsync(app => app.MapGet("/readyz", () => Results.StatusCode(503)));
        await using var _ = app;

        var run = await Task.Run(() => CliRun.Invoke("probe", new Uri(root, "readyz").ToString()));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{new Uri(root, "readyz")}: 503 Service Unavailable", run.Error.TrimEnd());
    }

    [Fact]
    public void Nothing_listening_exits_1_with_one_line_and_no_stack_trace()
    {
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}/readyz";

        var run = CliRun.Invoke("probe", url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{url}: no answer (", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("127.0.0.1:8080/readyz")]
    [InlineData("readyz")]
    [InlineData("ftp://127.0.0.1/readyz")]
    public void Something_that_is_not_an_http_url_is_refused_with_the_form_expected(string text)
    {
        var run = CliRun.Invoke("probe", text);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"probe: \"{text}\" is not an http(s) URL; write it in full, e.g. http://127.0.0.1:8080/readyz", run.Error.TrimEnd());
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/readyz")]
    [InlineData(null, "8081", "http://127.0.0.1:8081/readyz")]
    [InlineData(null, "9000;9001", "http://127.0.0.1:9000/readyz")]
    [InlineData("http://+:7000", "8080", "http://127.0.0.1:7000/readyz")]
    [InlineData("http://*:7000/", null, "http://127.0.0.1:7000/readyz")]
    [InlineData("http://0.0.0.0:7000", null, "http://127.0.0.1:7000/readyz")]
    [InlineData("http://[::]:7000", null, "http://127.0.0.1:7000/readyz")]
    [InlineData("https://+:7443;http://localhost:7000", null, "http://localhost:7000/readyz")]
    public void Without_a_url_it_asks_readyz_where_run_listens(string? urls, string? httpPorts, string expected)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts })
            .Build();

        Assert.Equal(new Uri(expected), ListenAddress.ReadinessUrl(settings));
        Assert.Equal(urls is not null || httpPorts is not null, ListenAddress.IsConfigured(settings));
    }

    /// <summary>The Dockerfile's HEALTHCHECK, end to end: the built coursebot probes a running coursebot.</summary>
    [Fact]
    [Trait(TestCategory.Name, TestCategory.Process)]
    public async Task The_built_probe_passes_against_a_ready_bot_on_the_address_from_the_same_setting()
    {
        using var work = new TempDirectory();
        // The probe must find the bot's address in the same setting, so the port is chosen before the bot
        // binds it: the one place where a freed port is still used (another test could take it first; then
        // the bot exits and the printed output says "address already in use").
        var environment = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LoopbackPort.Free()}" };
        using var bot = BotProcess.Start(work.Path, environment, "run", "--config", CliRun.SampleConfig);

        // Until the bot is ready the probe must fail; then it must pass with no URL given.
        var passed = await bot.WaitWhileRunningAsync(() => ProbeAsync(work.Path, environment), "a probe that passes");

        Assert.Equal($"{environment["ASPNETCORE_URLS"]}/readyz: 200 OK", passed.Trim());
    }

    /// <summary>The output of a probe that passed; null after one that failed as it should before the bot is ready.</summary>
    private static async Task<string?> ProbeAsync(string workingDirectory, Dictionary<string, string> environment)
    {
        using var probe = await BotProcess.RunToEndAsync(workingDirectory, environment, "probe");
        if (probe.ExitCode == 0)
        {
            return probe.Output + probe.Error;
        }

        Assert.True(probe.ExitCode == 1, probe.Described($"exited with {probe.ExitCode}"));
        Assert.Single(probe.Error.TrimEnd().Split('\n'));
        return null;
    }
}
