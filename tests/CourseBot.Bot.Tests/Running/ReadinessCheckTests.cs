using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// How <c>/readyz</c> puts its parts (<see cref="ReadinessCheck"/>s) together: in the order they were added,
/// each part's own JSON, ready only when every part is.
/// </summary>
public sealed class ReadinessCheckTests : IAsyncDisposable
{
    private const string Token = "readiness-check-test-token";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 8, 14, 0, 0, TimeSpan.Zero));
    private readonly SwitchPart _switch = new();
    private WebApplication? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await StoppedHost.StopAndDisposeAsync(_app);
        }
    }

    [Fact]
    public async Task The_details_list_each_part_in_the_order_it_was_added_in_readable_json()
    {
        using var http = await StartAsync(checks => checks.AddReadinessCheck<FilePart>("files").AddReadinessCheck<SwitchPart>("switch"));
        _time.Advance(TimeSpan.FromSeconds(90));

        using var response = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var version = typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(
            $$"""
            {
              "bot": {
                "version": "{{version}}",
                "startedAt": "2025-09-08T14:00:00Z",
                "uptimeSeconds": 90
              },
              "files": {
                "path": "/srv/course \"CS 395T\"/a+b.yaml",
                "sizes": [
                  1,
                  2
                ],
                "note": null
              },
              "switch": [],
              "status": "ready"
            }
            """.ReplaceLineEndings("\n"),
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task One_part_not_ready_makes_the_bot_not_ready()
    {
        using var http = await StartAsync(checks => checks.AddReadinessCheck<FilePart>("files").AddReadinessCheck<SwitchPart>("switch"));
        _switch.Ready = false;

        using var details = await http.GetAsync("/readyz");
        http.DefaultRequestHeaders.Authorization = null;
        using var answer = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, details.StatusCode);
        Assert.Equal("not ready", JsonDocument.Parse(await details.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("{\"status\":\"not ready\"}", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_part_that_fails_to_report_says_why_and_the_bot_is_not_ready()
    {
        using var http = await StartAsync(checks => checks.AddReadinessCheck<BrokenPart>("broken").AddReadinessCheck<FilePart>("files"));

        using var response = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("failed to report: the store is locked", report.GetProperty("broken").GetString());
        Assert.Equal("/srv/course \"CS 395T\"/a+b.yaml", report.GetProperty("files").GetProperty("path").GetString());
        Assert.Equal("not ready", report.GetProperty("status").GetString());
    }

    private async Task<HttpClient> StartAsync(Action<IHealthChecksBuilder> parts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [HealthEndpoints.TokenSetting] = Token });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(_switch);
        parts(builder.Services.AddHealthChecks());
        _app = builder.Build();
        _app.MapHealthEndpoints();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    private sealed class FilePart : ReadinessCheck
    {
        public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
        {
            json.WriteStartObject();
            json.WriteString("path", "/srv/course \"CS 395T\"/a+b.yaml");
            json.WriteStartArray("sizes");
            json.WriteNumberValue(1);
            json.WriteNumberValue(2);
            json.WriteEndArray();
            json.WriteNull("note");
            json.WriteEndObject();
            return Task.FromResult(true);
        }
    }

    private sealed class SwitchPart : ReadinessCheck
    {
        public bool Ready { get; set; } = true;

        public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
        {
            json.WriteStartArray();
            json.WriteEndArray();
            return Task.FromResult(Ready);
        }
    }

    private sealed class BrokenPart : ReadinessCheck
    {
        public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the store is locked");
    }
}
