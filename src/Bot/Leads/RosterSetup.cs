using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CourseBot.Bot.Leads;

/// <summary>Registers the roster upkeep (rosters and the leads' reminders) as the bot's <see cref="ILeadBoardChanges"/>.</summary>
public static class RosterSetup
{
    public static IServiceCollection AddRosterUpkeep(this IServiceCollection services)
    {
        services.TryAddSingleton<RosterBoard>();
        services.TryAddSingleton<LeadReminders>();
        services.TryAddSingleton<RosterUpkeep>();
        // Added, not tried: replaces the no-op default whichever registers first.
        services.RemoveAll<ILeadBoardChanges>();
        services.AddSingleton<ILeadBoardChanges>(sp => sp.GetRequiredService<RosterUpkeep>());
        services.AddHostedService(sp => sp.GetRequiredService<RosterUpkeep>());
        return services;
    }
}
