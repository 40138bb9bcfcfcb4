using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>A host wired like the bot's: storage, schema creation, Quartz on the persistent store.</summary>
public static class BotStorageHost
{
    /// <summary>The config folder the storage is anchored to; the tests give absolute data folders, so it does not matter which.</summary>
    private static string ConfigDirectory => Path.Combine(AppContext.BaseDirectory, "config");

    public static IHost Build(Dictionary<string, string?> storage, Action<IServiceCollection>? services = null, string? instanceId = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(storage).Build();
        var options = StorageOptions.Read(configuration, ConfigDirectory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddCourseBotStorage(configuration, ConfigDirectory);
        builder.Services.AddQuartz(q =>
        {
            q.UseCourseBotStore(options, c =>
            {
                c.CheckinInterval = TimeSpan.FromSeconds(1);
                c.CheckinMisfireThreshold = TimeSpan.FromSeconds(2);
            });
            if (instanceId is not null)
            {
                // Two hosts in one process: AUTO would derive both ids from the same host name and clock.
                q.ConfigureScheduler(s => s.InstanceId = instanceId);
            }
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static ValueTask<IScheduler> SchedulerAsync(this IHost host) =>
        host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    /// <summary>Quartz's hosted service starts the scheduler once the application has started, on its own task: wait for that.</summary>
    public static async Task WaitUntilSchedulingAsync(this IHost host)
    {
        var scheduler = await host.SchedulerAsync();
        await Eventually.WaitUntilAsync(async () => await scheduler.GetStatus() == SchedulerStatus.Running, "the scheduler to start", TimeSpan.FromSeconds(30));
    }

    /// <summary>A host with only the storage registrations, for checking option validation.</summary>
    public static IHost BuildUnvalidated(string provider, string? connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = connectionString,
        }).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddCourseBotStorage(configuration, ConfigDirectory);
        return builder.Build();
    }
}
