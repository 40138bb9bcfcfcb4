using System.Net;
using System.Text.Json;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Http;
using CourseBot.Bot.WebSockets;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>Where the gateway connection stands, for <c>/readyz</c>.</summary>
public enum GatewayState
{
    Connecting,
    Ready,
    Reconnecting,
    Stopped,
}

/// <summary>
/// Keeps one gateway connection alive: resumes when the session allows (op 7, zombie, most closes),
/// identifies anew when it does not (op 9 false, 4007, 4009), backs off with jitter between failed
/// attempts, and stops the bot on the close codes that no reconnect can fix.
/// </summary>
public sealed partial class DiscordGatewayClient(
    IGatewayLocator locator,
    InteractionQueue queue,
    MessageQueue messages,
    IJsonWebSocketFactory sockets,
    IOptions<DiscordOptions> options,
    GatewayTimings timings,
    FatalStop fatal,
    TimeProvider time,
    ILogger<DiscordGatewayClient> logger) : BackgroundService, IDiscordConnectionReport
{
    /// <summary>Failed resume connects in a row after which the resume URL is given up on.</summary>
    public const int MaxResumeFailures = 3;

    private readonly GatewaySession _session = new();
    private readonly IdentifyGate _identifies = new(time, timings);
    private volatile GatewayState _state = GatewayState.Connecting;
    private string? _lastEnd;

    public GatewayState State => _state;

    public GatewaySession Session => _session;

    /// <summary>Identifies in the last 24 hours.</summary>
    public int Identifies => _identifies.Count;

    public Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteString("state", _state.ToString().ToLowerInvariant());
        json.WriteBoolean("resumable", _session.CanResume);
        json.WriteNumber("identifies24h", _identifies.Count);
        if (_lastEnd is { } end)
        {
            json.WriteString("lastDisconnect", end);
        }

        json.WriteEndObject();
        return Task.FromResult(_state == GatewayState.Ready);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Uri? gateway = null;
        var failures = 0;
        var resumeFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var resume = _session.CanResume;
            if (!resume && gateway is null)
            {
                gateway = await LocateAsync(stoppingToken);
                if (gateway is null)
                {
                    if (fatal.Reason is not null)
                    {
                        return;
                    }

                    await BackOffAsync(++failures, stoppingToken);
                    continue;
                }
            }

            if (!resume)
            {
                if (_identifies.Count >= timings.IdentifyStop)
                {
                    _state = GatewayState.Stopped;
                    fatal.Stop($"Discord gateway: {_identifies.Count} identifies in the last 24 hours; stopping before Discord's limit of 1000 resets the bot token. Something makes the bot reconnect in a loop: check the log for why connections end, fix it, then start the bot again");
                    return;
                }

                var count = await _identifies.WaitAsync(stoppingToken);
                if (count >= timings.IdentifyWarning)
                {
                    LogManyIdentifies(count);
                }
            }

            var connection = new GatewayConnection(options.Value.BotToken!, _session, queue, messages, _identifies, sockets, timings, time, logger);
            connection.Ready += () => _state = GatewayState.Ready;
            LogConnecting(resume ? "resuming" : "identifying");
            var end = await connection.RunAsync(resume ? _session.ResumeUrl! : gateway!, resume, stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            _lastEnd = end.ToString();
            _state = GatewayState.Reconnecting;
            failures = end.WasReady ? 0 : failures;
            resumeFailures = resume && end is ConnectionEnd.Failed ? resumeFailures + 1 : 0;
            LogEnded(end.ToString());
            switch (end)
            {
                case ConnectionEnd.Closed { Code: { } code } when GatewayCloseCodes.Fatal(code) is { } reason:
                    _state = GatewayState.Stopped;
                    fatal.Stop(reason);
                    return;
                case ConnectionEnd.Closed closed:
                    if (!GatewayCloseCodes.KeepsSession(closed.Code))
                    {
                        _session.Forget();
                    }

                    await BackOffAsync(++failures, stoppingToken);
                    break;
                case ConnectionEnd.InvalidSession { Resumable: false }:
                    // Discord suggests a short random wait before identifying again.
                    _session.Forget();
                    await Task.Delay(timings.InvalidSessionDelay * (0.2 + (0.8 * timings.Jitter())), time, stoppingToken);
                    break;
                case ConnectionEnd.Failed:
                    // Perhaps the cached URL went stale: ask again next time.
                    gateway = null;
                    if (resumeFailures >= MaxResumeFailures)
                    {
                        // A dead resume_gateway_url would otherwise be retried forever.
                        LogResumeAbandoned(resumeFailures);
                        _session.Forget();
                        resumeFailures = 0;
                    }

                    await BackOffAsync(++failures, stoppingToken);
                    break;
                default:
                    // Op 7, op 9 (resumable) and zombies resume at once on a fresh connection.
                    break;
            }
        }

        _state = GatewayState.Stopped;
    }

    private async Task<Uri?> LocateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await locator.GetGatewayUrlAsync(cancellationToken);
        }
        catch (DiscordApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            _state = GatewayState.Stopped;
            fatal.Stop("Discord refused the bot token (401) when asked for the gateway: copy the token from the Developer Portal (Bot → Reset Token) into Discord__BotToken");
            return null;
        }
        catch (Exception e) when (e is DiscordApiException or DiscordUnavailableException)
        {
            LogLocateFailed(e.Message);
            return null;
        }
    }

    /// <summary>1 s, 2 s, 4 s … up to a minute, each ±25 % (<see cref="Backoff"/>), so many bots do not reconnect in step.</summary>
    private Task BackOffAsync(int failures, CancellationToken cancellationToken) =>
        Task.Delay(new Backoff(timings.FirstBackoff, timings.MaxBackoff).Delay(failures, timings.Jitter()), time, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: connecting ({How})")]
    private partial void LogConnecting(string how);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: connection ended: {End}")]
    private partial void LogEnded(string end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: {Count} identifies in the last 24 hours (Discord resets the token at 1000); is the bot restarting in a loop?")]
    private partial void LogManyIdentifies(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: resuming failed {Count} times in a row; identifying anew on the gateway URL")]
    private partial void LogResumeAbandoned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: could not get the gateway URL ({Problem}); trying again")]
    private partial void LogLocateFailed(string problem);
}
