using Microsoft.Extensions.Hosting;

namespace CourseBot.Bot.Storage;

/// <summary>
/// Creates the storage schema while the host is starting, before Quartz's hosted service creates its
/// scheduler (both run in <see cref="IHostedLifecycleService.StartingAsync"/>, in registration order:
/// <see cref="QuartzStoreSetup.AddCourseBotStorage"/> must come before <c>AddQuartzHostedService</c>).
/// </summary>
public sealed class StorageSchemaInitializer(StorageSchema schema) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => schema.EnsureCreatedAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
