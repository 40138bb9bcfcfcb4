using CourseBot.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz.Impl.AdoJobStore.Common;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>
/// How Quartz's job store reaches the database. A native build cannot look a driver's types up by name,
/// so Quartz must be handed the driver (SQLite's factory, the ledger's NpgsqlDataSource) and its driver
/// description must name no type. Only connections are created here, never opened: no server is needed.
/// </summary>
public sealed class QuartzStoreSetupTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Quartz_reaches_sqlite_through_the_drivers_factory_without_naming_its_types()
    {
        var file = Path.Combine(_folder.Path, "data", StorageOptions.SqliteFileName);
        using var host = BotStorageHost.Build(new()
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = Path.GetDirectoryName(file),
        });

        var provider = host.Services.GetRequiredService<IDbProvider>();

        Assert.Null(provider.Metadata.ConnectionType);
        Assert.Null(provider.Metadata.CommandType);
        using var connection = Assert.IsType<SqliteConnection>(provider.CreateConnection());
        Assert.Equal(file, new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource);
    }

    [Fact]
    public void Quartz_uses_the_npgsql_data_source_the_ledger_uses_without_naming_its_types()
    {
        // The data source in the container says where it comes from in its application name, which the
        // configured connection string does not have: a connection built from that string instead would not.
        const string Configured = "Host=127.0.0.1;Port=5432;Database=coursebot;Username=coursebot";
        using var registered = NpgsqlDataSource.Create(Configured + ";Application Name=registered-data-source");
        using var host = BotStorageHost.Build(
            new() { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = Configured },
            services => services.AddSingleton(registered));

        var provider = host.Services.GetRequiredService<IDbProvider>();

        Assert.Null(provider.Metadata.ConnectionType);
        Assert.Null(provider.Metadata.CommandType);
        using var connection = Assert.IsType<NpgsqlConnection>(provider.CreateConnection());
        Assert.Equal("registered-data-source", new NpgsqlConnectionStringBuilder(connection.ConnectionString).ApplicationName);
    }
}
