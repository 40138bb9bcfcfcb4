using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Core;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>
/// The posting half of the bot as <c>coursebot run</c> wires it — storage, Quartz, schedule sync, post
/// jobs, reconciliation, readiness — for one course and one platform. Several on one database are copies.
/// </summary>
internal static class PostingHost
{
    public static IHost Build(
        Dictionary<string, string?> storage,
        TimeProvider clock,
        IPostDelivery<Reply> platform,
        CourseSnapshot course,
        PostingOptions posting,
        string node,
        ILoggerProvider? log = null)
    {
        return BotStorageHost.Build(storage, services =>
        {
            services.AddSingleton(clock);
            var catalog = new CourseCatalog();
            catalog.Publish(new CourseStatus(course, "v1", clock.GetUtcNow(), null));
            services.AddSingleton(catalog);
            services.AddSingleton(Options.Create(posting));
            services.AddSingleton(platform);
            services.AddSingleton<PostTargets>();
            services.AddSingleton(sp => new PostSender<Reply>(
                sp.GetRequiredService<IPostingLedger>(), [platform], node, sp.GetRequiredService<ILogger<PostSender<Reply>>>()));
            services.AddSingleton<PostRunner>();
            services.AddSingleton<SchedulerReadiness>();
            services.AddHostedService<PostScheduleSync>();
            services.AddSingleton<PostReconciler>();
            services.AddHostedService(sp => sp.GetRequiredService<PostReconciler>());
            if (log is not null)
            {
                services.AddLogging(l => l.AddProvider(log));
            }
        }, node);
    }
}
