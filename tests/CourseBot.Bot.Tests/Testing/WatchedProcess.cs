using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CourseBot.Bot.Tests.Testing;

/// <summary>
/// A child process whose standard output and error are read from the moment it starts (so a full pipe
/// never blocks it), with standard input closed, and every wait on which is bounded: a process that does
/// not end in time is killed with its children and the test fails with its command line and everything it
/// printed, instead of hanging the whole run.
/// </summary>
internal sealed class WatchedProcess : IDisposable
{
    /// <summary>Long enough for a whole bot to start and stop on a busy machine; only a hang takes longer.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Task _reading;

    private WatchedProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _reading = Task.WhenAll(CopyAsync(process.StandardOutput, _output), CopyAsync(process.StandardError, _error));
    }

    public string CommandLine { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output so far.</summary>
    public string Output => Read(_output);

    /// <summary>Standard error so far.</summary>
    public string Error => Read(_error);

    public static WatchedProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        return new WatchedProcess(process, CommandLineOf(start));
    }

    /// <summary>Starts <paramref name="start"/> and waits for it to end (and for its output to close).</summary>
    public static async Task<WatchedProcess> RunAsync(ProcessStartInfo start, TimeSpan? within = null)
    {
        var process = Start(start);
        try
        {
            await process.WaitForExitAsync(within);
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the process to end and its output to close; after <paramref name="within"/> kills it and fails.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        var limit = within ?? DefaultLimit;
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw Stop($"did not end within {limit.TotalSeconds:0} s");
        }

        try
        {
            // The output closes when its last holder exits: the process, or a child it left running.
            await _reading.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw Stop($"exited with {_process.ExitCode}, but its output was still open {limit.TotalSeconds:0} s later (a process it started holds it)");
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// Waits until what the process printed (output, then error) gives <paramref name="probe"/> a value; fails at
    /// once when the process ends first, and kills it when the wait runs out.
    /// </summary>
    public Task<T> WaitForPrintedAsync<T>(Func<string, T?> probe, string what, TimeSpan? within = null)
        where T : class =>
        WaitWhileRunningAsync(() => Task.FromResult(probe(Output + Error)), what, within);

    /// <summary>
    /// Waits until <paramref name="probe"/> (which may ask the process something over the network) returns a
    /// value; fails at once when the process ends first, and kills it when the wait runs out.
    /// </summary>
    public async Task<T> WaitWhileRunningAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? within = null)
        where T : class
    {
        var limit = within ?? DefaultLimit;
        try
        {
            return await Eventually.WaitForAsync(
                async () => await probe() ?? (HasExited ? throw new InvalidOperationException(Described($"exited with {ExitCode} before {what}")) : null),
                what,
                limit);
        }
        catch (TimeoutException)
        {
            throw Stop($"was still waiting for {what} after {limit.TotalSeconds:0} s");
        }
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd stops the bot.</summary>
    public async Task TerminateAsync()
    {
        var kill = new ProcessStartInfo("kill");
        kill.ArgumentList.Add("-TERM");
        kill.ArgumentList.Add(Id.ToString(CultureInfo.InvariantCulture));
        using var signal = await RunAsync(kill, TimeSpan.FromSeconds(30));
        if (signal.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {Id} failed: {signal.Error}");
        }
    }

    /// <summary>The command line and everything printed so far, for a failure message.</summary>
    public string Described(string what) =>
        $"{CommandLine} {what}.\n--- standard output ---\n{Output}\n--- standard error ---\n{Error}";

    /// <summary>A failure half-way leaves nothing running behind the test.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private TimeoutException Stop(string what)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        return new TimeoutException(Described(what + "; it was killed"));
    }

    private string Read(StringBuilder printed)
    {
        lock (_gate)
        {
            return printed.ToString();
        }
    }

    private async Task CopyAsync(StreamReader from, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await from.ReadAsync(buffer.AsMemory())) > 0)
        {
            lock (_gate)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    private static string CommandLineOf(ProcessStartInfo start) =>
        string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
}
