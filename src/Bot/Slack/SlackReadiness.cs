using System.Text.Json;
using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Slack;

/// <summary>Slack's part of <c>/readyz</c>: the mode, the socket (Socket Mode), a refused bot token (not ready), whether questions by mention or direct message are answered, and channels whose posts were refused.</summary>
public sealed class SlackReadiness(IOptions<SlackOptions> options, SlackPostDelivery delivery, IEnumerable<SlackSocketMode> sockets, SlackQuestions? questions = null) : ReadinessCheck
{
    public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var ready = true;
        json.WriteStartObject();
        json.WriteString("mode", options.Value.Mode == SlackMode.Http ? "http" : "socket");
        foreach (var socket in sockets)
        {
            socket.WriteReport(json);
            ready &= socket.IsConnected;
        }

        questions?.WriteReport(json);
        if (delivery.TokenProblem is { } token)
        {
            json.WriteString("token", token);
            ready = false;
        }

        json.WriteStartObject("channelProblems");
        foreach (var (channel, problem) in delivery.ChannelProblems)
        {
            json.WriteString(channel, problem);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        return Task.FromResult(ready);
    }
}
