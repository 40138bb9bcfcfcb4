using System.Diagnostics;
using CourseBot.Bot.Tests.Testing;
using Npgsql;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>
/// A PostgreSQL server for the tests: the one named by COURSEBOT_TEST_POSTGRES, or else a throwaway
/// server started from the local PostgreSQL binaries on 127.0.0.1 and stopped afterwards.
/// Each test class asks for a fresh database. Without either, the tests fail and say how to get one.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "COURSEBOT_TEST_POSTGRES";

    private const string HowToGetPostgres =
        "These tests need PostgreSQL. Either set " + EnvironmentVariable +
        " to an Npgsql connection string of a user that may create databases " +
        "(e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\"), or install the server binaries " +
        "so the tests can start a throwaway one: `apt-get install postgresql` (or run .ci/install-postgres).";

    private string? _adminConnectionString;
    private string? _directory;
    private string? _binDirectory;
    private string? _failure;
    private string? _serverOptions;

    /// <summary>Whether <see cref="StopAsync"/> and <see cref="StartAsync"/> can take the server away (only a throwaway one).</summary>
    public bool CanStop => _binDirectory is not null && _serverOptions is not null;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _adminConnectionString = configured;
            return;
        }

        _binDirectory = FindBinaries();
        if (_binDirectory is null)
        {
            _failure = "No PostgreSQL found: " + EnvironmentVariable + " is not set and no /usr/lib/postgresql/*/bin/initdb exists. " + HowToGetPostgres;
            return;
        }

        var port = LoopbackPort.Free();
        _directory = Path.Combine(Path.GetTempPath(), $"coursebot-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _directory], asPostgres: false);
        }

        var data = Path.Combine(_directory, "data");
        // initdb writes a whole cluster: on a busy machine give it longer than a pg_ctl call.
        await RunAsync(Path.Combine(_binDirectory, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asRoot, TimeSpan.FromMinutes(4));
        _serverOptions = $"-c listen_addresses=127.0.0.1 -p {port} -k {_directory} -c fsync=off -c max_connections=200";
        await StartAsync();
        _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    public async Task DisposeAsync()
    {
        if (_binDirectory is null || _directory is null)
        {
            return;
        }

        var data = Path.Combine(_directory, "data");
        if (Directory.Exists(data))
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Stops the throwaway server (fast shutdown: sessions are cut, as when a database goes away).</summary>
    public Task StopAsync() => PgCtlAsync(["-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>Starts the throwaway server again on the same port and data.</summary>
    public Task StartAsync() => PgCtlAsync(["-l", Path.Combine(_directory!, "server.log"), "-w", "-t", "60", "-o", _serverOptions!, "start"]);

    private Task PgCtlAsync(string[] arguments)
    {
        if (_binDirectory is null || _directory is null || _serverOptions is null)
        {
            throw new InvalidOperationException(
                "Only the throwaway server can be stopped and started: unset " + EnvironmentVariable + " to run the storage-fault tests.");
        }

        return RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), .. arguments], Environment.UserName == "root");
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (_adminConnectionString is null)
        {
            throw new InvalidOperationException(_failure ?? HowToGetPostgres);
        }

        var name = $"coursebot_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault();
    }


    /// <summary>PostgreSQL refuses to run as root, so as root its tools run as the postgres user.</summary>
    /// <remarks>Bounded: a tool that hangs is killed and the test fails with its command line and output.</remarks>
    private static async Task RunAsync(string program, string[] arguments, bool asPostgres, TimeSpan? within = null)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { WorkingDirectory = Path.GetTempPath() };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = await WatchedProcess.RunAsync(start, within);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(process.Described($"exited with {process.ExitCode}"));
        }
    }
}
