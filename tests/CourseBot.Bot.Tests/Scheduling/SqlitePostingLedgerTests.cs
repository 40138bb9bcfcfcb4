using CourseBot.Bot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Scheduling;

public sealed class SqlitePostingLedgerTests : PostingLedgerContract
{
    private readonly TempDirectory _folder = new();

    protected override Task<SqlPostingLedger> CreateLedgerAsync(FakeTimeProvider clock) =>
        Task.FromResult<SqlPostingLedger>(new SqlitePostingLedger(
            $"Data Source={Path.Combine(_folder.Path, "coursebot.db")}", clock, Options));

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
