namespace CourseBot.Bot.Http;

/// <summary>
/// The one backoff formula, for HTTP retries and for gateway and Socket Mode reconnects: the first wait,
/// doubled for each further failure up to <see cref="Max"/>, then spread ±25 % by a jitter in [0, 1) so
/// that several copies of the bot (or many bots after a platform outage) do not retry in step.
/// </summary>
public readonly record struct Backoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>A jitter that spreads nothing: the wait is exactly the doubled, capped one.</summary>
    public const double NoJitter = 0.5;

    /// <param name="failures">Failures so far, from 1.</param>
    /// <param name="jitter">A number in [0, 1): 0 waits 75 %, 0.5 exactly, towards 1 up to 125 % of the step.</param>
    public TimeSpan Delay(int failures, double jitter)
    {
        // Past 2^30 the step is beyond any cap CourseBot uses; capping the exponent keeps the product finite.
        var step = First * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var capped = step > Max ? Max : step;
        return capped * (0.75 + (0.5 * jitter));
    }
}

/// <summary>A number in [0, 1) that spreads retries (<see cref="Backoff"/>); tests register a fixed one.</summary>
public delegate double Jitter();
