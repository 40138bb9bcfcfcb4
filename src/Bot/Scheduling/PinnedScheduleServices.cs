using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Scheduling;

public static class PinnedScheduleServices
{
    /// <summary>
    /// The pinned term schedule: <see cref="PinnedSchedule"/> (run by every <see cref="EditRound"/>), its pins through
    /// the ledger (the round at start is <see cref="FollowEdits"/>'), and its part of <c>/readyz</c>. The platforms register their pin deliveries
    /// (<see cref="IPostDelivery{TContent}"/> of <see cref="PinnedSchedulePin"/>).
    /// </summary>
    public static IServiceCollection AddPinnedSchedule(this IServiceCollection services)
    {
        services.AddSingleton<PinnedScheduleStatus>();
        services.AddSingleton(sp => new PostSender<PinnedSchedulePin>(
            sp.GetRequiredService<IPostingLedger>(),
            sp.GetRequiredService<IEnumerable<IPostDelivery<PinnedSchedulePin>>>(),
            $"{Environment.MachineName}:{Environment.ProcessId}",
            sp.GetRequiredService<ILogger<PostSender<PinnedSchedulePin>>>()));
        services.AddSingleton<PinnedSchedule>();
        services.AddHealthChecks().AddReadinessCheck<PinnedScheduleReadiness>("pinnedSchedule");
        return services;
    }
}
