using System.Net.Sockets;
using CourseBot.Bot.Cli;

namespace CourseBot.Bot.Tests.Cli;

/// <summary>A listen address that cannot work is one line naming it and how to fix it, exit 2; never .NET's own text.</summary>
public sealed class ListenAddressCheckTests
{
    [Theory]
    [InlineData("notaurl", "not an http:// address")]
    [InlineData(":99999", "not an http:// address")]
    [InlineData("http://127.0.0.1:99999", "from 1 to 65535")]
    [InlineData("http://127.0.0.1:port", "from 1 to 65535")]
    [InlineData("https://127.0.0.1:18098", "HTTPS reverse proxy")]
    public void Run_rejects_an_unusable_address_before_starting(string urls, string reason)
    {
        var run = CliRun.Invoke("run", "--config", CliRun.SampleConfig, "--urls", urls);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(urls, line);
        Assert.Contains(reason, line);
        Assert.Contains("--urls", line);
        Assert.Contains("ASPNETCORE_URLS", line);
        Assert.DoesNotContain("Invalid url", line);
        Assert.DoesNotContain("UseKestrelHttpsConfiguration", line);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://+:80;http://*:8081")]
    [InlineData("http://[::1]:8080/")]
    [InlineData("http://localhost")]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://127.0.0.1:0")]
    public void Usable_addresses_pass(string urls) => Assert.Empty(ListenAddress.Problems(urls));

    [Fact]
    public void Each_unusable_address_of_a_list_is_named()
    {
        var problems = ListenAddress.Problems("http://127.0.0.1:8080;https://127.0.0.1:8443;http://:80");

        Assert.Equal(2, problems.Count);
        Assert.Contains("https://127.0.0.1:8443", problems[0]);
        Assert.Contains("http://:80", problems[1]);
    }

    [Fact]
    public void An_address_the_machine_does_not_have_names_it_and_the_settings()
    {
        // What Kestrel throws when binding to another machine's IP (e.g. http://10.255.255.1:18098); no socket is opened here.
        var failure = new SocketException((int)SocketError.AddressNotAvailable);

        var problem = RunningBot.AddressProblem(failure, "http://10.255.255.1:18098");

        Assert.NotNull(problem);
        Assert.Contains("http://10.255.255.1:18098", problem);
        Assert.Contains("no such address", problem);
        Assert.Contains("--urls", problem);
        Assert.Contains("ASPNETCORE_URLS", problem);
    }

    [Fact]
    public void Other_start_failures_are_not_about_the_address() =>
        Assert.Null(RunningBot.AddressProblem(new SocketException((int)SocketError.AccessDenied), "http://127.0.0.1:80"));
}
