using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CourseBot.Bot.Storage;

/// <summary>Checks the "Storage" section, reporting every problem at once.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new List<string>();
        var provider = options.Provider?.ToLowerInvariant();
        if (provider is not (StorageOptions.Sqlite or StorageOptions.Postgres))
        {
            problems.Add($"Storage:Provider is '{options.Provider}'; it must be '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}'.");
        }

        if (provider == StorageOptions.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                problems.Add("Storage:ConnectionString is required when Storage:Provider is 'postgres' (set COURSEBOT__STORAGE__CONNECTIONSTRING).");
            }
            else if (!IsValidNpgsql(options.ConnectionString))
            {
                problems.Add("Storage:ConnectionString is not a valid PostgreSQL (Npgsql) connection string.");
            }
        }

        if (provider == StorageOptions.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString)
            && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            problems.Add("Storage:DataDirectory must name a folder when Storage:ConnectionString is not set.");
        }

        return SettingsCheck.Result(problems);
    }

    private static bool IsValidNpgsql(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
