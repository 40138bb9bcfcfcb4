namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>Waits for something another task does (a request reaching a fake); the timeout only stops a hang.</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<T?> probe, string what = "the expected request")
        where T : class
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
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
