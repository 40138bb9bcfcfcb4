using CourseBot.Bot.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CourseBot.Bot.Leads;

/// <summary>Registers the desk that answers lead commands, the private notices and the default (silent) roster board.</summary>
public static class LeadDeskSetup
{
    /// <summary>The platform of the CLI's and the local console's students.</summary>
    public const string ConsolePlatform = "console";

    public static IServiceCollection AddCourseBotLeadDesk(this IServiceCollection services)
    {
        services.TryAddSingleton<ILeadBoardChanges, NoLeadBoard>();
        // Notices to one student go through the posting ledger like every post: its own sender, one delivery per platform.
        services.TryAddSingleton(sp => new PostSender<PrivateNotice>(
            sp.GetRequiredService<IPostingLedger>(),
            sp.GetRequiredService<IEnumerable<ILeadNotice>>(),
            $"{Environment.MachineName}:{Environment.ProcessId}",
            sp.GetRequiredService<ILogger<PostSender<PrivateNotice>>>()));
        services.TryAddSingleton<PrivateNotices>();
        services.TryAddSingleton<ILeadNotifier, LeadNotifier>();
        services.TryAddSingleton<LeadDesk>();
        return services;
    }
}
