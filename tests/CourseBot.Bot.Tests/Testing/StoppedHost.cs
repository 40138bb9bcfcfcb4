using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Testing;

/// <summary>Stops and disposes a bot host that may run on a fake clock.</summary>
internal static class StoppedHost
{
    /// <summary>
    /// Polly's pipeline registry, disposed with the host, waits for calls that are still finishing in
    /// one-second sleeps on the pipelines' clock. On a fake clock that only the test moves, one such sleep
    /// (a call cancelled by the stop, still unwinding) never ends and the test run hangs; so while the
    /// host is disposed its fake clock keeps moving. The host's services have stopped by then, so the
    /// moving clock fires nothing the test looks at.
    /// </summary>
    public static async Task StopAndDisposeAsync(IHost host)
    {
        await host.StopAsync();
        var clock = host.Services.GetService<TimeProvider>() as FakeTimeProvider;
        using var disposed = new CancellationTokenSource();
        var ticking = clock is null ? Task.CompletedTask : KeepMovingAsync(clock, disposed.Token);
        try
        {
            await ((IAsyncDisposable)host).DisposeAsync();
        }
        finally
        {
            await disposed.CancelAsync();
            await ticking;
        }
    }

    private static async Task KeepMovingAsync(FakeTimeProvider clock, CancellationToken disposed)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!disposed.IsCancellationRequested)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            if (!await tick.WaitForNextTickAsync(CancellationToken.None))
            {
                return;
            }
        }
    }
}
