using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Calendar;
using CourseBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// <c>/readyz</c> on the public port: anyone learns ready or not; the details (courses, paths,
/// schedule, problems) only with the health token.
/// </summary>
public sealed class ReadyzTests : IAsyncDisposable
{
    private const string Token = "readyz-test-token-5f0c2a9e";

    private readonly TempDirectory _data = new();
    private readonly List<WebApplication> _apps = [];
    private readonly List<HttpClient> _clients = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _data.Dispose();
    }

    [Fact]
    public async Task Without_a_token_readyz_says_only_whether_the_bot_is_ready()
    {
        var http = await StartAsync(Token);

        using var response = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ready\"}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic cmVhZHl6OnRlc3Q=")]
    [InlineData("Bearer " + Token + "x")]
    public async Task A_wrong_token_gets_nothing(string authorization)
    {
        var http = await StartAsync(Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/readyz");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("cs395t", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_token_setting_no_request_gets_the_details()
    {
        var http = await StartAsync(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/readyz");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_the_token_readyz_shows_the_bot_the_courses_in_local_time_and_their_problems()
    {
        var http = await StartAsync(Token);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var ready = JsonDocument.Parse(await http.GetStringAsync("/readyz"));

        var root = ready.RootElement;
        Assert.Equal("ready", root.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("bot").GetProperty("version").GetString()));
        Assert.True(root.GetProperty("bot").GetProperty("uptimeSeconds").GetInt64() >= 0);
        var course = root.GetProperty("courses")[0];
        Assert.Equal("cs395t", course.GetProperty("id").GetString());
        Assert.Equal("America/Chicago", course.GetProperty("timeZone").GetString());
        var loadedAt = DateTimeOffset.Parse(course.GetProperty("loadedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("Z", course.GetProperty("loadedAt").GetString());
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        Assert.Equal(TimeZoneInfo.ConvertTime(loadedAt, chicago).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), course.GetProperty("loadedAtLocal").GetString());
        Assert.Equal(course.GetProperty("errors").GetInt32() + course.GetProperty("warnings").GetInt32(), course.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public async Task A_post_past_its_time_is_listed_as_overdue_not_as_next()
    {
        await using var services = new ServiceCollection()
            .AddQuartz(quartz => quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = $"readyz-{Guid.NewGuid():N}"))
            .BuildServiceProvider();
        var factory = services.GetRequiredService<ISchedulerFactory>();
        var scheduler = await factory.GetScheduler();
        await scheduler.Start();
        try
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (name, hours) in new[] { ("cs395t/announcement/w1", 1), ("cs395t/announcement/w2", 2) })
            {
                var job = JobBuilder.Create<NothingJob>().WithIdentity(name, SendPostJob.Group).Build();
                await scheduler.ScheduleJob(job, TriggerBuilder.Create().WithIdentity(name, SendPostJob.Group).StartAt(now.AddHours(hours)).Build());
            }

            // The readiness clock is 90 minutes ahead: the first post is overdue, the second still next.
            var clock = new FakeTimeProvider(now.AddMinutes(90));
            var catalog = new CourseCatalog();
            var course = CourseFile.Load(Path.Combine(CliRun.SampleConfig, "cs395t.yaml")).Courses[0];
            catalog.Publish(new CourseStatus(Core.CourseSnapshot.Create(course, Core.ReadingList.ReadingListLoader.FromText("", course.ReadingList, null, null, [])), "v1", now, null));
            using var body = new MemoryStream();
            await using (var json = new Utf8JsonWriter(body))
            {
                using var watch = new SqliteStoreWatch(Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteStoreWatch>.Instance);
                await new SchedulerReadiness(factory, new StoreHealth(), watch, clock, catalog).WriteAsync(json, CancellationToken.None);
            }

            using var report = JsonDocument.Parse(body.ToArray());
            var next = Assert.Single(report.RootElement.GetProperty("nextPosts").EnumerateArray());
            Assert.Equal("cs395t/announcement/w2", next.GetProperty("post").GetString());
            Assert.Equal(IsoTime.Local(now.AddHours(2), course.TimeZone), next.GetProperty("atLocal").GetString());
            var overdue = Assert.Single(report.RootElement.GetProperty("overduePosts").EnumerateArray());
            Assert.Equal("cs395t/announcement/w1", overdue.GetProperty("post").GetString());
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }

    private async Task<HttpClient> StartAsync(string? token)
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(_data.Path, $"data{_apps.Count}") };
        if (token is not null)
        {
            settings[HealthEndpoints.TokenSetting] = token;
        }

        var (app, address) = await InProcessBot.StartAsync(settings, CliRun.SampleConfig);
        _apps.Add(app);

        // Quartz starts its scheduler once the host has started, a moment after StartAsync returns.
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Eventually.WaitUntilAsync(async () => await scheduler.GetStatus() == SchedulerStatus.Running, "the scheduler to start");
        var http = new HttpClient { BaseAddress = address ?? throw new InvalidOperationException("the bot stopped while starting") };
        _clients.Add(http);
        return http;
    }

    private sealed class NothingJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
