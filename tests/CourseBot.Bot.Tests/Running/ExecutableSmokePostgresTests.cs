using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>The smoke suite's scheduled post (see <see cref="ExecutableSmokeTests"/>) with the store and ledger on PostgreSQL.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class ExecutableSmokePostgresTests(PostgresServer server) : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task A_scheduled_post_is_sent_and_recorded_in_the_postgresql_ledger() =>
        await ExecutableSmokeTests.AScheduledPostIsSentAndRecordedAsync(_work.Path, new Dictionary<string, string>
        {
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = await server.CreateDatabaseAsync(),
        });
}
