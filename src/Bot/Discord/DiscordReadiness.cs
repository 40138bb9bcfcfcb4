using System.Text.Json;
using CourseBot.Bot.Discord.Commands;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Discord;

/// <summary>
/// Discord's part of <c>/readyz</c>: how interactions arrive, whether questions in messages can be received,
/// command registration, the REST circuit, and channels whose posts were refused. Not ready while the circuit
/// is open; a refused channel is shown (an instructor must fix it) without taking the bot out of service.
/// </summary>
public sealed class DiscordReadiness(
    IOptions<DiscordOptions> options,
    CommandRegistration registration,
    DiscordCircuit circuit,
    DiscordPostDelivery delivery,
    CourseCatalog catalog,
    IEnumerable<IDiscordConnectionReport> connections) : ReadinessCheck
{
    public override async Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var ready = !circuit.IsOpen;
        json.WriteStartObject();
        json.WriteString("mode", options.Value.Mode == DiscordMode.Http ? "http" : "gateway");
        foreach (var connection in connections)
        {
            json.WritePropertyName("gateway");
            ready &= await connection.WriteAsync(json, cancellationToken);
        }

        json.WriteString("mentions", Mentions());

        json.WriteStartObject("commands");
        foreach (var (scope, state) in registration.States)
        {
            json.WriteString(scope, state);
        }

        json.WriteEndObject();
        json.WriteString("rest", circuit.IsOpen ? $"paused after repeated failures: {circuit.LastFailure}" : circuit.LastFailure ?? "ok");
        json.WriteNumber("invalidRequests10min", circuit.InvalidRequests);
        json.WriteStartObject("channelProblems");
        foreach (var (channel, problem) in delivery.ChannelProblems)
        {
            json.WriteString(channel, problem);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        return ready;
    }

    /// <summary>Whether a mention or a direct message gets an answer, and if not, why.</summary>
    private string Mentions()
    {
        if (options.Value.Mode == DiscordMode.Http)
        {
            return "off: HTTP interactions mode cannot receive messages";
        }

        var off = catalog.Courses.Where(c => !c.Course.AnswerMentions).Select(c => c.Course.Id).ToArray();
        return off.Length == 0 ? "on"
            : off.Length == catalog.Courses.Count() ? "off: answerMentions is false in the course file"
            : $"on, except in {string.Join(", ", off)} (answerMentions: false)";
    }
}

/// <summary>The gateway connection's state for <c>/readyz</c> (gateway mode only).</summary>
public interface IDiscordConnectionReport
{
    Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken);
}
