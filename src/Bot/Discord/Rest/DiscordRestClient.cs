using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CourseBot.Bot.Discord.Events;
using CourseBot.Bot.Discord.Gateway;
using CourseBot.Bot.Http;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CourseBot.Bot.Discord.Rest;

/// <summary>
/// The few REST calls CourseBot makes, one short method each. Retries, timeouts, the circuit and the
/// rate limits are the HTTP client's pipelines (<see cref="DiscordHttp"/>); this class turns what is left
/// (a refusal, or no usable answer in the end) into <see cref="DiscordApiException"/> and
/// <see cref="DiscordUnavailableException"/>.
/// </summary>
public sealed class DiscordRestClient : IGatewayLocator
{
    /// <summary>Discord drops an interaction not acknowledged within 3 s of its creation.</summary>
    public static readonly TimeSpan InteractionDeadline = TimeSpan.FromSeconds(3);

    private readonly HttpClient _http;
    private readonly DiscordCircuit _circuit;
    private readonly string _baseUrl;

    public DiscordRestClient(HttpClient http, DiscordCircuit circuit, IOptions<DiscordOptions> options)
    {
        _http = http;
        _circuit = circuit;
        var settings = options.Value;
        _baseUrl = settings.ApiBaseUrl.ToString().TrimEnd('/');
        ApplicationId = settings.ApplicationId ?? "";
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", settings.BotToken);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>Discord requires <c>DiscordBot ($url, $versionNumber)</c> (reference.mdx).</summary>
    public static string UserAgent { get; } = $"DiscordBot (https://github.com/coursebot/coursebot, {typeof(DiscordRestClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"})";

    public string ApplicationId { get; }

    public async Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken) =>
        new((await SendAsync(DiscordRoute.GatewayBot(), null, DiscordJson.Default.GatewayBotBody, cancellationToken)).Url);

    public Task<MessageIdBody> CreateMessageAsync(string channelId, MessageBody message, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.CreateMessage(channelId), Json(message, DiscordJson.Default.MessageBody), DiscordJson.Default.MessageIdBody, cancellationToken);

    /// <summary>The direct-message channel with <paramref name="userId"/> (its id, read like a message's).</summary>
    public async Task<string> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken) =>
        (await SendAsync(DiscordRoute.CreateDirectMessage(), Json(new DirectMessageBody(userId), DiscordJson.Default.DirectMessageBody), DiscordJson.Default.MessageIdBody, cancellationToken)).Id;

    /// <summary>Edits a channel message the bot posted; its own rate-limit bucket per channel, like the other routes.</summary>
    public Task<MessageIdBody> EditMessageAsync(string channelId, string messageId, MessageBody message, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.EditMessage(channelId, messageId), Json(message, DiscordJson.Default.MessageBody), DiscordJson.Default.MessageIdBody, cancellationToken);

    public Task<IReadOnlyList<MessageIdBody>> RecentMessagesAsync(string channelId, int limit, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.RecentMessages(channelId, limit), null, DiscordJson.Default.IReadOnlyListMessageIdBody, cancellationToken);

    /// <summary>The initial response over REST: one attempt only, within what is left of the deadline.</summary>
    /// <param name="response">An <see cref="InteractionResponseBody"/> as JSON (rendered once, possibly reused).</param>
    /// <param name="timeout">What is left of the interaction's deadline.</param>
    public Task RespondAsync(string interactionId, string token, ReadOnlyMemory<byte> response, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.InteractionCallback(interactionId, token), response, cancellationToken, timeout);

    public Task EditOriginalAsync(string token, MessageBody message, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.EditOriginal(ApplicationId, token), Json(message, DiscordJson.Default.MessageBody), cancellationToken);

    public Task FollowupAsync(string token, MessageBody message, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.Followup(ApplicationId, token), Json(message, DiscordJson.Default.MessageBody), cancellationToken);

    public Task OverwriteCommandsAsync(string? guildId, ReadOnlyMemory<byte> commandsJson, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.OverwriteCommands(ApplicationId, guildId), commandsJson, cancellationToken);

    public Task<IReadOnlyList<ScheduledEventListed>> ScheduledEventsAsync(string guildId, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.ScheduledEvents(HttpMethod.Get, guildId), null, ScheduledEventJson.Default.IReadOnlyListScheduledEventListed, cancellationToken);

    public Task<ScheduledEventListed> CreateScheduledEventAsync(string guildId, ScheduledEventBody body, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.ScheduledEvents(HttpMethod.Post, guildId), Json(body, ScheduledEventJson.Default.ScheduledEventBody), ScheduledEventJson.Default.ScheduledEventListed, cancellationToken);

    public Task<ScheduledEventListed> EditScheduledEventAsync(string guildId, string eventId, ScheduledEventBody body, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.ScheduledEvent(HttpMethod.Patch, guildId, eventId), Json(body, ScheduledEventJson.Default.ScheduledEventBody), ScheduledEventJson.Default.ScheduledEventListed, cancellationToken);

    public Task DeleteScheduledEventAsync(string guildId, string eventId, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.ScheduledEvent(HttpMethod.Delete, guildId, eventId), null, cancellationToken);

    public Task PinMessageAsync(string channelId, string messageId, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.PinMessage(channelId, messageId), null, cancellationToken);

    public static byte[] Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private async Task SendAsync(DiscordRoute route, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        using var response = await SendRawAsync(route, body, budget, cancellationToken);
    }

    private async Task<T> SendAsync<T>(DiscordRoute route, ReadOnlyMemory<byte>? body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(route, body, null, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken)
            ?? throw new DiscordUnavailableException($"Discord answered {route.Key} with an empty body");
    }

    /// <summary>Sends through the route's pipeline; returns a success, throws for anything else.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(DiscordRoute route, ReadOnlyMemory<byte>? body, TimeSpan? budget, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(route.Method, _baseUrl + route.Path);
        request.Options.Set(DiscordRoute.Option, route);
        request.Options.Set(HttpPipelines.Pipeline, route.Pipeline);
        request.Options.Set(HttpPipelines.Label, route.Key);
        if (budget is { } left)
        {
            request.Options.Set(DiscordHttp.Budget, left);
        }

        if (body is not null)
        {
            request.Content = new ReadOnlyMemoryContent(body.Value) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw new DiscordUnavailableException($"not calling {route.Key}: Discord failed {DiscordCircuit.FailureThreshold} times in a row ({_circuit.LastFailure}); trying again after {_circuit.OpenUntil:HH:mm:ss}Z", outcomeUnknown: false, e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new DiscordUnavailableException($"Discord did not answer {route.Key} within {e.Timeout.TotalMilliseconds:0} ms", outcomeUnknown: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new DiscordUnavailableException($"Discord did not answer {route.Key}: {e.Message}", outcomeUnknown: true, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new DiscordUnavailableException(budget is null
                    ? $"Discord kept rate-limiting {route.Key}"
                    : $"Discord rate-limited {route.Key}; it is not retried")
                { RetryAfter = response.Headers.RetryAfter?.Delta },
                >= HttpStatusCode.InternalServerError => new DiscordUnavailableException($"Discord answered {route.Key} with {(int)response.StatusCode}"),
                _ => await RefusedAsync(route, response, cancellationToken),
            };
        }
    }

    private static async Task<DiscordApiException> RefusedAsync(DiscordRoute route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        ErrorBody? error = null;
        try
        {
            error = text.Length > 0 ? JsonSerializer.Deserialize(text, DiscordJson.Default.ErrorBody) : null;
        }
        catch (JsonException)
        {
            // Not Discord's JSON (a proxy's HTML page): the status line and text below still say what happened.
        }

        var message = error?.Message ?? (text.Length > 200 ? text[..200] : text);
        return new DiscordApiException(response.StatusCode, error?.Code, message, route.Key);
    }
}
