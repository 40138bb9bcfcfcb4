using System.Data.Common;
using CourseBot.Bot.Calendar;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core;
using Microsoft.Data.Sqlite;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary>The sample course (CS 395T, Fall 2025, America/Chicago) and a calendar revision store in a SQLite file.</summary>
internal static class CalendarFixtures
{
    public static async Task<CourseSnapshot> LoadAsync(string configDirectory)
    {
        using var http = SourceReader.NewHttpClient();
        var set = await CourseLoader.LoadAsync(configDirectory, new SourceReader(http), CancellationToken.None);
        Assert.DoesNotContain(set.Diagnostics, d => d.Severity == Core.ReadingList.Severity.Error);
        return Assert.Single(set.Courses);
    }

    public static Task<CourseSnapshot> SampleAsync() => LoadAsync(CliRun.SampleConfig);

    /// <summary>The sample course with its course file edited, in a folder of its own under <paramref name="parent"/>.</summary>
    public static Task<CourseSnapshot> EditedAsync(string parent, Func<string, string> edit)
    {
        var folder = Path.Combine(parent, Guid.NewGuid().ToString("N"));
        return LoadAsync(CourseCopy.Create(folder, edit));
    }

    /// <summary>A revision store in <paramref name="file"/>, with its table created as the bot's schema step does.</summary>
    public static async Task<SqlCalendarRevisions> StoreAsync(string file, TimeProvider time)
    {
        var connectionString = $"Data Source={file}";
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = SqlCalendarRevisions.TableDefinition;
            await command.ExecuteNonQueryAsync();
        }

        return new SqlCalendarRevisions(async ct =>
        {
            DbConnection connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            return connection;
        }, time);
    }

    public static Ical.Net.Calendar Parse(CalendarFeed feed) =>
        Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(feed.Body))!;
}
