using System.Globalization;
using System.Net;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Discord.Events;

/// <summary>
/// Makes the guild's scheduled events match the class meetings of the coming window: creates the missing
/// ones (stopping before Discord's limit of events per guild), edits those whose papers or times changed,
/// deletes those whose class no longer exists. Every step is claimed in the posting ledger (kind
/// <see cref="PostKinds.Event"/>, slot = the meeting's start), so each happens once across restarts and copies.
/// </summary>
public sealed partial class ScheduledEventSync(
    CourseCatalog catalog,
    IPostingLedger ledger,
    PostEditor<ClassEvent> editor,
    DiscordRestClient rest,
    ScheduledEventStatus status,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<ScheduledEventSync> logger)
{
    /// <summary>The version a deleted class's event is claimed to, so only one node deletes it.</summary>
    public const string Deleted = "deleted";

    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task RunAsync(CancellationToken ct)
    {
        if (options.Value.EventsGuild is not { } guild)
        {
            return;
        }

        var now = time.GetUtcNow();
        IReadOnlyList<ScheduledEventListed> existing;
        try
        {
            existing = await rest.ScheduledEventsAsync(guild, ct);
        }
        catch (DiscordApiException e) when (e.Status == HttpStatusCode.Forbidden)
        {
            status.Refused(ScheduledEventStatus.MissingPermission(guild, e.DiscordMessage));
            LogRefused(guild, e.DiscordMessage);
            return;
        }

        // Anything refused in this round says so again; nothing refused means the permission is there now.
        status.Refused(null);
        var future = catalog.Courses.SelectMany(course => ClassEvent.Of(course, now)).ToArray();
        var records = (await ledger.ListAsync(null, ct))
            .Where(r => r.Key.Kind == PostKinds.Event && r.Key.Platform == "discord" && r.Key.Channel == guild)
            .ToDictionary(r => r.Key);
        var count = existing.Count;
        var leftOut = 0;
        foreach (var classEvent in future.Where(e => e.Body.Start <= now + options.Value.ScheduledEventsWindow))
        {
            var key = Key(classEvent.CourseId, classEvent.Slot, guild);
            var created = records.TryGetValue(key, out var record) && record.State == PostState.Sent;
            if (!created && count >= DiscordLimits.ScheduledEventsPerGuild)
            {
                leftOut++;
                continue;
            }

            var outcome = await editor.EnsureCurrentAsync(key, classEvent, classEvent.Version, new EditOptions(SendIfMissing: true), ct);
            if (outcome.Status == EditStatus.Sent)
            {
                count++;
            }
        }

        if (leftOut > 0)
        {
            LogLimit(leftOut, guild, DiscordLimits.ScheduledEventsPerGuild);
        }

        var wanted = future.Select(e => Key(e.CourseId, e.Slot, guild)).ToHashSet();
        foreach (var gone in records.Values.Where(r => r.State == PostState.Sent && r.GoneAt is null && r.MessageId is not null
            && IsFuture(r.Key.Slot, now) && !wanted.Contains(r.Key)))
        {
            await DeleteAsync(gone, ct);
        }

        status.Synced(now, count, leftOut);
    }

    public static PostKey Key(string courseId, string slot, string guild) => new(courseId, slot, PostKinds.Event, "discord", guild);

    private async Task DeleteAsync(PostRecord record, CancellationToken ct)
    {
        var claimant = $"{_node}/{Guid.NewGuid():N}";
        var claim = await ledger.TryClaimEditAsync(record.Key, Deleted, claimant, repostIfGone: false, ct);
        if (claim.Outcome != EditClaimOutcome.Claimed)
        {
            return;
        }

        try
        {
            await rest.DeleteScheduledEventAsync(record.Key.Channel, record.MessageId!, ct);
        }
        catch (DiscordApiException e) when (e.Status == HttpStatusCode.NotFound && e.Code == ScheduledEventDelivery.UnknownEvent)
        {
            // Deleted in Discord already: the class's event is gone either way.
        }
        catch (DiscordApiException e)
        {
            await ledger.ReleaseEditAsync(record.Key, claimant, e.Message, ct);
            if (e.Status == HttpStatusCode.Forbidden)
            {
                status.Refused(ScheduledEventStatus.MissingPermission(record.Key.Channel, e.DiscordMessage));
            }

            LogDeleteRefused(record.Key, e.Message);
            return;
        }
        catch (DiscordUnavailableException e)
        {
            await ledger.ReleaseEditAsync(record.Key, claimant, e.Message, ct);
            LogDeleteRefused(record.Key, e.Message);
            return;
        }

        await ledger.MarkGoneAsync(record.Key, claimant, "the class is no longer in the course", reposting: false, ct);
        LogDeleted(record.Key, record.MessageId!);
    }

    private static bool IsFuture(string slot, DateTimeOffset now) =>
        DateTimeOffset.TryParse(slot, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start) && start > now;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord refused to list the scheduled events of server {Guild} ({Reason}): give the bot the Manage Events permission")]
    private partial void LogRefused(string guild, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{LeftOut} class meeting(s) not made events: server {Guild} has Discord's maximum of {Limit} scheduled events")]
    private partial void LogLimit(int leftOut, string guild, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the scheduled event {EventId} of {Key}: the class is no longer in the course")]
    private partial void LogDeleted(PostKey key, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the scheduled event of {Key}: {Reason}; trying again at the next sync")]
    private partial void LogDeleteRefused(PostKey key, string reason);
}
