
namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>Waits for something another task does (a request reaching a fake); the timeout only stops a hang.</summary>
public static class Eventually
{
    /// <param name="within">How long until it gives up; 15 s unless something slow, like a process starting, comes first.</param>
    public static async Task<T> WaitForAsync<T>(Func<T?> probe, string what = "the expected request", TimeSpan? within = null)
        where T : class
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"gave up waiting for {what}");
    }
}
