using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CourseBot.Benchmarks;

/// <summary>
/// A PostgreSQL database for one benchmark case: a fresh database on the server named by COURSEBOT_BENCH_POSTGRES
/// (an Npgsql connection string of a user that may create databases), or else a throwaway server started from the
/// local binaries (initdb, pg_ctl) in a temp folder, listening on 127.0.0.1 only, stopped and deleted afterwards.
/// The throwaway server keeps PostgreSQL's default durability (fsync on, synchronous commit), as a deployment would.
/// </summary>
public sealed class BenchPostgres : IDisposable
{
    private static readonly TimeSpan ToolLimit = TimeSpan.FromMinutes(3);

    private readonly string? _folder;
    private readonly string? _binaries;
    private readonly string? _adminConnectionString;
    private readonly string? _database;

    private BenchPostgres(string connectionString, string? folder, string? binaries, string? adminConnectionString, string? database)
    {
        ConnectionString = connectionString;
        _folder = folder;
        _binaries = binaries;
        _adminConnectionString = adminConnectionString;
        _database = database;
    }

    /// <summary>An Npgsql connection string of the database, for <c>Storage:ConnectionString</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>"throwaway PostgreSQL 15.18 on 127.0.0.1", or the server given: for the run's log.</summary>
    public string Description { get; private init; } = "";

    public static BenchPostgres Start()
    {
        var given = Environment.GetEnvironmentVariable(LeadStoreBenchmarks.PostgresVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var database = $"coursebot_bench_{Guid.NewGuid():N}";
            Execute(given, $"CREATE DATABASE {database}");
            var connection = new NpgsqlConnectionStringBuilder(given) { Database = database }.ConnectionString;
            return new BenchPostgres(connection, null, null, given, database) { Description = $"{LeadStoreBenchmarks.PostgresVariable}, database {database}" };
        }

        var binaries = Binaries();
        var folder = Directory.CreateTempSubdirectory("coursebot-bench-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        try
        {
            if (asRoot)
            {
                // PostgreSQL refuses to run as root: its tools run as the postgres user, who must own the folder.
                Run("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
            }

            var data = Path.Combine(folder, "data");
            Run(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asRoot);
            var port = FreeLoopbackPort();
            Run(Path.Combine(binaries, "pg_ctl"),
                ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "120", "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder}", "start"], asRoot);
            var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
            return new BenchPostgres(connection, folder, binaries, null, null) { Description = $"throwaway server from {binaries} on 127.0.0.1:{port}, default settings (fsync on)" };
        }
        catch
        {
            StopServer(binaries, folder);
            throw;
        }
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_adminConnectionString is not null && _database is not null)
        {
            Execute(_adminConnectionString, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }

        if (_binaries is not null && _folder is not null)
        {
            StopServer(_binaries, _folder);
        }
    }

    private static void StopServer(string binaries, string folder)
    {
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            Run(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "-t", "60", "stop"], Environment.UserName == "root");
        }

        Directory.Delete(folder, recursive: true);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The newest /usr/lib/postgresql/N/bin with initdb and pg_ctl (Debian's layout), or a clear error.</summary>
    private static string Binaries()
    {
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"The PostgreSQL cases need a server: set {LeadStoreBenchmarks.PostgresVariable} to an Npgsql connection string of a user that may create "
            + "databases, or install the server binaries (`apt-get install postgresql`: /usr/lib/postgresql/N/bin/initdb) so a throwaway one can be started.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a tool to its end within <see cref="ToolLimit"/>; on failure or timeout (then killed) throws with its output.</summary>
    private static void Run(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in asPostgres ? ["-u", "postgres", "--", program, .. arguments] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ToolLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {ToolLimit.TotalSeconds:0} s and was killed: {output.Result}{error.Result}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{error.Result}");
        }
    }
}
