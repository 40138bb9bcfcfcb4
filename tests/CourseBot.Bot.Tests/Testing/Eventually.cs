namespace CourseBot.Bot.Tests.Testing;

/// <summary>
/// Waits for something another task does (a request reaching a fake, a signal from the bot). The timeout
/// only stops a hang: the wait ends as soon as the condition holds, so no test waits out a fixed time.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);

    /// <param name="within">How long until it gives up; 15 s unless something slow, like a process starting, comes first.</param>
    public static async Task<T> WaitForAsync<T>(Func<T?> probe, string what = "the expected request", TimeSpan? within = null)
        where T : class
    {
        T? found = null;
        await WaitUntilAsync(() => (found = probe()) is not null, what, within);
        return found!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what = "the expected state", TimeSpan? within = null)
    {
        // The real clock on purpose: this guards against a hang, it does not measure anything the bot does.
        var limit = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > (within ?? DefaultLimit))
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }

            await Task.Delay(PollEvery);
        }
    }
}
