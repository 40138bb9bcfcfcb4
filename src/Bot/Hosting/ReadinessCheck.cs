using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// One part of <c>/readyz</c> (courses, scheduler, platforms, Discord, Slack): a health check tagged
/// <see cref="Tag"/> whose result carries, under <see cref="DetailKey"/>, the JSON value the health token's
/// holder sees for this part. A part writes that value and says whether it is ready in <see cref="WriteAsync"/>;
/// register it with <see cref="ReadinessChecks.AddReadinessCheck{T}"/> under the name it appears as.
/// </summary>
public abstract class ReadinessCheck : IHealthCheck
{
    /// <summary>The tag of the checks <c>/readyz</c> runs.</summary>
    public const string Tag = "ready";

    /// <summary>The key of <see cref="HealthCheckResult.Data"/> holding the part's JSON detail (a <see cref="JsonElement"/>).</summary>
    public const string DetailKey = "detail";

    /// <summary>Writes this part's JSON value and says whether this part is ready.</summary>
    public abstract Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>();
        bool ready;
        await using (var json = new Utf8JsonWriter(buffer))
        {
            ready = await WriteAsync(json, cancellationToken);
        }

        using var detail = JsonDocument.Parse(buffer.WrittenMemory);
        var data = new Dictionary<string, object> { [DetailKey] = detail.RootElement.Clone() };
        return new HealthCheckResult(ready ? HealthStatus.Healthy : context.Registration.FailureStatus, data: data);
    }
}

/// <summary>Registers the parts of <c>/readyz</c>.</summary>
public static class ReadinessChecks
{
    /// <summary>
    /// Adds <typeparamref name="T"/> to <c>/readyz</c> as <paramref name="name"/> (its property in the details);
    /// the parts appear in the order they are added. Not ready makes the bot not ready (503).
    /// </summary>
    public static IHealthChecksBuilder AddReadinessCheck<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IHealthChecksBuilder checks, string name)
        where T : ReadinessCheck =>
        checks.AddCheck<T>(name, HealthStatus.Unhealthy, [ReadinessCheck.Tag]);
}
