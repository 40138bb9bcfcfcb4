using System.Diagnostics;

namespace CourseBot.Bot.Tests.Testing;

/// <summary>
/// Waits for something another task does (a request reaching a fake, a signal from the bot). The limit
/// only stops a hang: the wait ends as soon as the condition holds, so no test waits out a fixed time.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);

    /// <param name="within">How long until it gives up; 15 s unless something slow, like a process starting, comes first.</param>
    public static Task<T> WaitForAsync<T>(Func<T?> probe, string what = "the expected request", TimeSpan? within = null)
        where T : class =>
        WaitForAsync(() => Task.FromResult(probe()), what, within);

    /// <summary>Waits until <paramref name="probe"/> (which may ask something over the network) returns a value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what = "the expected request", TimeSpan? within = null)
        where T : class
    {
        // The real clock on purpose: this guards against a hang, it does not measure anything the bot does.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (waited.Elapsed > (within ?? DefaultLimit))
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }

            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what = "the expected state", TimeSpan? within = null) =>
        WaitForAsync(() => condition() ? "done" : null, what, within);

    /// <summary>Waits until <paramref name="condition"/> (which may ask something over the network) holds.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string what = "the expected state", TimeSpan? within = null) =>
        WaitForAsync(async () => await condition() ? "done" : null, what, within);
}
