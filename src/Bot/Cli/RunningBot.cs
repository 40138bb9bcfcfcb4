using System.Net.Sockets;
using CourseBot.Bot.Hosting;
using Microsoft.AspNetCore.Connections;

namespace CourseBot.Bot.Cli;

/// <summary>
/// Runs the built bot until it stops and turns how it ended into <c>coursebot run</c>'s exit code and a
/// one-line reason on stderr, so a supervisor's restart-on-failure policy sees every failure:
/// 0 stopped on request, 1 a part of the bot failed unexpectedly, 2 it cannot listen on its address,
/// 3 a platform stopped it (<see cref="FatalStop"/>).
/// </summary>
internal static partial class RunningBot
{
    /// <summary>Exit code when a part of the bot (a hosted service) failed unexpectedly.</summary>
    public const int UnexpectedFailure = 1;

    public static async Task<int> RunAsync(WebApplication app, TextWriter error, CancellationToken cancellationToken)
    {
        var fatal = app.Services.GetRequiredService<FatalStop>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RunningBot).FullName!);
        var backgroundServices = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToArray();
        int? startFailure = null;
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (AddressProblem(e, app.Configuration["urls"]) is { } problem)
        {
            error.WriteLine($"error: {problem}");
            startFailure = CommonOptions.ConfigurationError;
        }
        catch (OperationCanceledException) when (fatal.Reason is not null && !cancellationToken.IsCancellationRequested)
        {
            // A fatal stop while the host is still starting (a token refused within milliseconds) cancels the
            // rest of the start: .NET links the start to ApplicationStopping, so the web server's bind throws
            // TaskCanceledException. That is the fatal stop, whose reason is written below, not a failed start.
            startFailure = fatal.ExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A background service that fails while the others start cancels their start; it is the reason then.
            if (!Faulted(backgroundServices).Any())
            {
                LogFailureDetails(logger, e, "starting the bot");
                error.WriteLine($"error: the bot could not start: {OneLine(e.Message)}");
            }

            startFailure = UnexpectedFailure;
        }

        try
        {
            // After a failed start there is nothing to stop: the scheduler waits for the start to finish
            // (so no post went out), and disposing the app ends what did start.
            if (startFailure is null)
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailureDetails(logger, e, "stopping the bot");
            error.WriteLine($"error: the bot failed while stopping: {OneLine(e.Message)}");
            return startFailure ?? UnexpectedFailure;
        }

        if (startFailure == CommonOptions.ConfigurationError)
        {
            return CommonOptions.ConfigurationError;
        }

        if (fatal.Reason is { } reason)
        {
            error.WriteLine($"error: {reason}");
            return fatal.ExitCode;
        }

        // The host stops when a background service throws (BackgroundServiceExceptionBehavior.StopHost); say which and why.
        var failures = Faulted(backgroundServices).ToArray();
        foreach (var (service, exception) in failures)
        {
            LogFailureDetails(logger, exception, service);
            error.WriteLine($"error: the bot stopped because {service} failed: {OneLine(exception.Message)}");
        }

        return failures.Length > 0 ? UnexpectedFailure : startFailure ?? 0;
    }

    /// <summary>
    /// Why the bot cannot listen where it was told to, as one line naming the address and the settings, or
    /// null when the failure is not about the address: a port already in use, or an address this machine
    /// does not have (e.g. another machine's IP).
    /// </summary>
    internal static string? AddressProblem(Exception failure, string? urls)
    {
        if (failure is IOException { InnerException: AddressInUseException })
        {
            // Kestrel's message names the address ("Failed to bind to address http://127.0.0.1:8080: address already in use.").
            return $"{OneLine(failure.Message)} Another program (another coursebot?) listens there; choose a free port with --urls http://127.0.0.1:PORT or the ASPNETCORE_URLS setting";
        }

        // Kestrel lets this one through as the bare SocketException, which does not say which address.
        var socket = failure as SocketException ?? failure.InnerException as SocketException;
        if (socket?.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            var where = string.IsNullOrWhiteSpace(urls) ? "the address" : urls;
            return $"cannot listen on {where}: this machine has no such address ({OneLine(socket.Message)}); "
                + $"listen on one of its own addresses, or on all of them with http://0.0.0.0:PORT: {ListenAddress.HowToSet}";
        }

        return null;
    }

    private static IEnumerable<(string Service, Exception Exception)> Faulted(IEnumerable<BackgroundService> services) =>
        from service in services
        where service.ExecuteTask is { IsFaulted: true }
        select (service.GetType().Name, service.ExecuteTask!.Exception!.GetBaseException());

    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Failure in {Part}")]
    private static partial void LogFailureDetails(ILogger logger, Exception exception, string part);
}
