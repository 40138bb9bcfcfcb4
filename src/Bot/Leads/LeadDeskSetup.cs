using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CourseBot.Bot.Leads;

/// <summary>Registers the desk that answers lead commands, the promotion notices and the default (silent) roster board.</summary>
public static class LeadDeskSetup
{
    /// <summary>The platform of the CLI's and the local console's students.</summary>
    public const string ConsolePlatform = "console";

    public static IServiceCollection AddCourseBotLeadDesk(this IServiceCollection services)
    {
        services.TryAddSingleton<ILeadBoardChanges, NoLeadBoard>();
        services.TryAddSingleton<ILeadNotifier, LeadNotifier>();
        services.TryAddSingleton<LeadDesk>();
        return services;
    }
}
