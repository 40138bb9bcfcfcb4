using System.Net;
using CourseBot.Bot.Http;
using Polly;
using Polly.CircuitBreaker;

namespace CourseBot.Bot.Discord.Rest;

/// <summary>
/// Stops hammering Discord after repeated failures (5xx, timeouts, a refused token): after
/// <see cref="FailureThreshold"/> failures without a success in between (within a minute), requests fail
/// fast for <see cref="OpenFor"/>; then one request at a time is let through to probe (half-open): its
/// success closes the circuit, its failure opens it again. Polly's circuit breaker, shared by every
/// pipeline that uses it (<see cref="Breaker"/>); this class is also what <c>/readyz</c> reads.
/// </summary>
public sealed class DiscordCircuit
{
    public const int FailureThreshold = 5;
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan InvalidWindow = TimeSpan.FromMinutes(10);
    private readonly TimeProvider _time;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly Lock _lock = new();
    private DateTimeOffset _invalidSince;
    private int _invalid;
    private DateTimeOffset _openUntil;
    private string? _lastFailure;

    public DiscordCircuit(TimeProvider time)
    {
        _time = time;
        Breaker = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 1.0,
                MinimumThroughput = FailureThreshold,
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = OpenFor,
                StateProvider = _state,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
                OnOpened = args => Opened(Describe(args.Context, args.Outcome), args.BreakDuration),
                OnClosed = _ => Closed(),
            })
            .Build();
    }

    /// <summary>The breaker itself, added to the pipelines of the routes it guards (not interactions).</summary>
    public ResiliencePipeline<HttpResponseMessage> Breaker { get; }

    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _state.CircuitState is CircuitState.Open or CircuitState.Isolated && _time.GetUtcNow() < _openUntil;
            }
        }
    }

    /// <summary>When the next probe may go out.</summary>
    public DateTimeOffset OpenUntil
    {
        get
        {
            lock (_lock)
            {
                return _openUntil;
            }
        }
    }

    /// <summary>The failure that opened the circuit, kept for /readyz; null once a probe succeeded.</summary>
    public string? LastFailure
    {
        get
        {
            lock (_lock)
            {
                return _lastFailure;
            }
        }
    }

    /// <summary>401, 403 and 429 answers in the current ten-minute window: Discord bans the IP at 10 000.</summary>
    public int InvalidRequests
    {
        get
        {
            lock (_lock)
            {
                return _time.GetUtcNow() - _invalidSince < InvalidWindow ? _invalid : 0;
            }
        }
    }

    public void CountInvalid()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now - _invalidSince >= InvalidWindow)
            {
                _invalidSince = now;
                _invalid = 0;
            }

            _invalid++;
        }
    }

    /// <summary>
    /// No answer, a 5xx, or a refused token: a 401 fails every call alike, so the circuit stops the flood.
    /// A 429 is not a failure (it is waited out), nor is a refusal of one request (403, 404, 400).
    /// </summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        HttpPipelines.IsTransient(outcome) || outcome.Result?.StatusCode == HttpStatusCode.Unauthorized;

    private static string Describe(ResilienceContext context, Outcome<HttpResponseMessage> outcome) =>
        $"{HttpPipelines.LabelOf(context)}: {HttpPipelines.Why(outcome)}"
        + (outcome.Result?.StatusCode == HttpStatusCode.Unauthorized ? " (is Discord__BotToken right?)" : "");

    private ValueTask Opened(string why, TimeSpan breakDuration)
    {
        lock (_lock)
        {
            _lastFailure = why;
            _openUntil = _time.GetUtcNow() + breakDuration;
        }

        return default;
    }

    private ValueTask Closed()
    {
        lock (_lock)
        {
            _lastFailure = null;
        }

        return default;
    }
}
