using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary><see cref="LeadsProcessTests"/>' SIGKILL in the middle of claims, with the store on PostgreSQL.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class LeadsPostgresProcessTests(PostgresServer server) : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Claims_killed_half_way_leave_every_reported_claim_on_a_consistent_postgresql_roster() =>
        await LeadsProcessTests.ClaimsKilledHalfWayAsync(_work.Path, LeadsCourse.Create(Path.Combine(_work.Path, "course")), new Dictionary<string, string>
        {
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = await server.CreateDatabaseAsync(),
        });
}
