using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Http;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Bot.WebSockets;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Keeps a Socket Mode connection open: a replacement is opened before the old one closes when Slack
/// announces a refresh; a dropped or silent socket is replaced after a backoff; <c>link_disabled</c>
/// stops the bot. Every envelope is acknowledged on the socket it came on, so a replaced socket is
/// closed only once its envelopes are acknowledged (or <see cref="DrainLimit"/> has passed); retried
/// deliveries are handled once.
/// </summary>
public sealed partial class SlackSocketMode(
    SlackApiClient api,
    SlackCommandHandler commands,
    SlackInbound inbound,
    SocketModeTimings timings,
    IJsonWebSocketFactory sockets,
    FatalStop fatal,
    TimeProvider time,
    BackgroundWork background,
    ILogger<SlackSocketMode> logger) : BackgroundService
{
    /// <summary>How long a replaced socket stays open for acknowledgements of work it started (Slack itself waits 3 s).</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    private readonly RecentIds _envelopes = new();
    private readonly List<Task> _retiring = [];
    private volatile bool _connected;

    public bool IsConnected => _connected;

    /// <summary>Connections opened so far (for /readyz and tests).</summary>
    public int Connections => _connections;

    private int _connections;

    public void WriteReport(Utf8JsonWriter json) => json.WriteString("socket", _connected ? "connected" : "connecting");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SocketModeConnection? current = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                current ??= await OpenAsync(stoppingToken);
                if (current is null)
                {
                    return;
                }

                var ended = current.RunAsync(stoppingToken);
                while (await Task.WhenAny(ended, current.RefreshRequested) != ended)
                {
                    // Open the replacement first, so no envelope finds no connection.
                    LogRefreshing();
                    var next = await OpenAsync(stoppingToken);
                    if (next is null)
                    {
                        return;
                    }

                    var old = current;
                    current = next;
                    ended = current.RunAsync(stoppingToken);
                    _retiring.RemoveAll(t => t.IsCompleted);
                    _retiring.Add(RetireAsync(old, stoppingToken));
                }

                var end = await ended;
                _connected = false;
                var reason = current.EndReason ?? "unknown";
                await current.DisposeAsync();
                current = null;
                if (end == SocketEnd.LinkDisabled)
                {
                    fatal.Stop("Slack disabled Socket Mode for this app (link_disabled): turn Socket Mode back on under the app's settings, or use Slack__Mode=http");
                    return;
                }

                LogDropped(reason);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            _connected = false;
            if (current is not null)
            {
                await current.DisposeAsync();
            }

            await Task.WhenAll(_retiring);
        }
    }

    /// <summary>Closes a replaced socket once the work it started has been acknowledged on it.</summary>
    private async Task RetireAsync(SocketModeConnection old, CancellationToken stoppingToken)
    {
        try
        {
            if (!await old.DrainAsync(DrainLimit, stoppingToken))
            {
                LogDrainTimedOut(DrainLimit.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogDrainCut();
        }
        finally
        {
            await old.DisposeAsync();
        }
    }

    /// <summary>A new connection with its hello, retried with backoff; null when the bot must stop.</summary>
    private async Task<SocketModeConnection?> OpenAsync(CancellationToken cancellationToken)
    {
        for (var failures = 0; ; failures++)
        {
            if (failures > 0)
            {
                // Only this app's few connections reconnect here: nothing to spread, so no jitter.
                await Task.Delay(new Backoff(timings.FirstBackoff, timings.MaxBackoff).Delay(failures, Backoff.NoJitter), time, cancellationToken);
            }

            SocketModeConnection? connection = null;
            try
            {
                var url = await api.OpenConnectionAsync(cancellationToken);
                connection = new SocketModeConnection(url, sockets, timings) { OnEnvelope = Envelope, Time = time, Logger = logger };
                await connection.ConnectAsync(cancellationToken);
                Interlocked.Increment(ref _connections);
                _connected = true;
                return connection;
            }
            catch (SlackApiException e) when (e.IsAuthFailure)
            {
                fatal.Stop($"Slack refused the app-level token ({e.Error}): create one under Basic Information → App-Level Tokens (scope connections:write) and set Slack__AppToken");
                return null;
            }
            catch (Exception e) when (e is SlackApiException or SlackUnavailableException or WebSocketException or TimeoutException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogConnectFailed(e.Message);
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }
    }

    /// <summary>On the receive loop: duplicates are acknowledged and skipped; work runs off the loop.</summary>
    private void Envelope(SocketModeConnection connection, JsonObject envelope, long receivedAt)
    {
        var id = envelope["envelope_id"]?.GetValue<string>();
        var payload = envelope["payload"] as JsonObject;
        if (id is null || payload is null)
        {
            return;
        }

        var type = envelope["type"]!.GetValue<string>();
        var deliveryId = type == "events_api" ? payload["event_id"]?.GetValue<string>() ?? id : id;
        var work = Task.Run(async () =>
        {
            try
            {
                if (!_envelopes.FirstTime(deliveryId))
                {
                    LogDuplicate(deliveryId, envelope["retry_attempt"]?.ToString() ?? "0");
                    await connection.AckAsync(id, null, CancellationToken.None);
                    return;
                }

                switch (type)
                {
                    case "slash_commands":
                        // Answered within the budget in the acknowledgement itself, else through response_url.
                        await connection.AckAsync(id, await SlashAsync(payload, receivedAt), CancellationToken.None);
                        break;
                    case "events_api":
                        await connection.AckAsync(id, null, CancellationToken.None);
                        inbound.Event(payload);
                        break;
                    default:
                        await connection.AckAsync(id, null, CancellationToken.None);
                        inbound.Interaction(payload);
                        break;
                }
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                LogAckFailed(id, e.Message);
            }
        });
        connection.Track(work);
        background.Track(work, $"Slack Socket Mode: handling envelope {id} ({type})");
    }

    /// <summary>The acknowledgement body for a slash command; a failing handler still gets a short answer, so Slack shows no timeout.</summary>
    private async Task<SlackResponse?> SlashAsync(JsonObject payload, long receivedAt)
    {
        try
        {
            return (await commands.HandleAsync(SlashCommand.From(payload), receivedAt, CancellationToken.None)).Body;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCommandFailed(e, payload["command"]?.ToString() ?? "?");
            return SlackResponse.Private("Sorry, that command failed. Please try again in a moment.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: refresh announced; opening the replacement first")]
    private partial void LogRefreshing();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: the connection dropped or went silent ({Reason}); reconnecting")]
    private partial void LogDropped(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: connecting failed ({Problem}); retrying")]
    private partial void LogConnectFailed(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: delivery {Id} again (retry {Attempt}); acknowledged, not handled twice")]
    private partial void LogDuplicate(string id, string attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: a replaced socket still had work after {Seconds} s; closing it anyway")]
    private partial void LogDrainTimedOut(double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: shutting down; closing a replaced socket without waiting for its work")]
    private partial void LogDrainCut();

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Command} failed; acknowledged with an apology")]
    private partial void LogCommandFailed(Exception exception, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: acknowledging {Id} failed ({Problem}); Slack will retry it")]
    private partial void LogAckFailed(string id, string problem);
}
