using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Discord.Events;

public static class ScheduledEventServices
{
    /// <summary>With <c>Discord__ScheduledEvents=true</c>: class meetings as guild scheduled events, kept in sync by a Quartz job.</summary>
    public static IServiceCollection AddDiscordScheduledEvents(this IServiceCollection services, DiscordOptions options)
    {
        if (!options.ScheduledEvents)
        {
            return services;
        }

        var node = $"{Environment.MachineName}:{Environment.ProcessId}";
        services.AddSingleton<ScheduledEventStatus>();
        services.AddSingleton<ScheduledEventDelivery>();
        services.AddSingleton(sp => new PostSender<ClassEvent>(
            sp.GetRequiredService<IPostingLedger>(), [sp.GetRequiredService<ScheduledEventDelivery>()], node, sp.GetRequiredService<ILogger<PostSender<ClassEvent>>>()));
        services.AddSingleton(sp => new PostEditor<ClassEvent>(
            sp.GetRequiredService<IPostingLedger>(), sp.GetRequiredService<PostSender<ClassEvent>>(), [sp.GetRequiredService<ScheduledEventDelivery>()], node,
            sp.GetRequiredService<ILogger<PostEditor<ClassEvent>>>()));
        services.AddSingleton<ScheduledEventSync>();
        services.AddTransient<ScheduledEventJob>();
        services.AddHostedService<ScheduledEventSchedule>();
        services.AddHealthChecks().AddReadinessCheck<ScheduledEventReadiness>("discordEvents");
        return services;
    }
}
