using System.Collections.Concurrent;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Core;
using CourseBot.Core.Commands;

namespace CourseBot.Bot.Slack;

/// <summary>
/// The app's Home tab: this week's readings, next week's and the schedule, for each course. Published
/// when someone opens it, and again for everyone who has when the reading list changes or a new week
/// begins.
/// </summary>
public sealed partial class SlackAppHome(CourseCatalog catalog, SlackApiClient api, TimeProvider time, ILogger<SlackAppHome> logger) : BackgroundService
{
    /// <summary>How often to look whether a new week has begun.</summary>
    public static readonly TimeSpan WeekCheck = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, byte> _viewers = new(StringComparer.Ordinal);

    public async Task OpenedAsync(string user, CancellationToken cancellationToken)
    {
        _viewers[user] = 0;
        await api.PublishHomeAsync(user, View(), cancellationToken);
    }

    public HomeView View()
    {
        var now = time.GetUtcNow();
        var blocks = new List<Block>();
        foreach (var course in catalog.Courses)
        {
            if (blocks.Count > 0)
            {
                blocks.Add(DividerBlock.Instance);
            }

            blocks.Add(SlackReplyRenderer.Header(course.Course.Name));
            foreach (var command in new CourseCommand[] { new CourseCommand.Reading(new WeekQuery.ThisWeek()), new CourseCommand.Reading(new WeekQuery.NextWeek()), new CourseCommand.Schedule() })
            {
                blocks.Add(DividerBlock.Instance);
                blocks.AddRange(SlackReplyRenderer.Blocks(CommandDispatcher.Answer(command, course, now)));
            }
        }

        if (blocks.Count > SlackLimits.BlocksPerView)
        {
            // Views hold 100 blocks; the rest is one slash command away.
            blocks.RemoveRange(SlackLimits.BlocksPerView - 1, blocks.Count - (SlackLimits.BlocksPerView - 1));
            blocks.Add(SlackReplyRenderer.Section("_More in /schedule and /reading._"));
        }

        return new HomeView(blocks);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changed = new SemaphoreSlim(0);
        void OnChanged(CourseSnapshot _) => changed.Release();
        catalog.Changed += OnChanged;
        try
        {
            var week = WeekKey();
            Task? edited = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                // Wake on a new reading-list version at once, or look for a new week now and then.
                edited ??= changed.WaitAsync(stoppingToken);
                await Task.WhenAny(edited, Task.Delay(WeekCheck, time, stoppingToken));
                var wasEdited = edited.IsCompletedSuccessfully;
                edited = wasEdited ? null : edited;
                var now = WeekKey();
                if (wasEdited || now != week)
                {
                    week = now;
                    await RefreshAllAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            catalog.Changed -= OnChanged;
        }
    }

    /// <summary>Republishes every Home tab that was opened; one failure does not stop the others.</summary>
    public async Task RefreshAllAsync(CancellationToken cancellationToken)
    {
        var view = View();
        foreach (var user in _viewers.Keys)
        {
            try
            {
                await api.PublishHomeAsync(user, view, cancellationToken);
            }
            catch (Exception e) when (e is SlackApiException or SlackUnavailableException)
            {
                LogRefreshFailed(user, e.Message);
            }
        }
    }

    private string WeekKey()
    {
        var now = time.GetUtcNow();
        return string.Join(",", catalog.Courses.Select(c => WeekResolver.Resolve(null, c.Calendar, now) is WeekAnswer.Found found ? found.Week.Start.ToString("O") : "-"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the Slack Home tab of {User} failed: {Problem}")]
    private partial void LogRefreshFailed(string user, string problem);
}
