using CourseBot.Bot.Calendar;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary>Personal feed tokens in PostgreSQL: the tables from the ledger's schema step, shared by two copies of the bot.</summary>
[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresCalendarTokensTests(PostgresServer server) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 20, 15, 0, 0, TimeSpan.Zero));
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new PostgresPostingLedger(_dataSource, _time, new PostingLedgerOptions()).EnsureSchemaAsync(default);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    /// <summary>One copy of the bot's token store (each keeps its own copy of the key once read).</summary>
    private SqlCalendarTokens Node() => new(async ct => await _dataSource.OpenConnectionAsync(ct), _time);

    [Fact]
    public async Task Two_copies_give_a_student_the_same_token_find_it_and_a_renewal_retires_the_old_one()
    {
        var (a, b) = (Node(), Node());
        var tokens = await Task.WhenAll(a.TokenForAsync("cs395t", "discord", "1001", default), b.TokenForAsync("cs395t", "discord", "1001", default));

        Assert.Equal(tokens[0], tokens[1]);
        Assert.Equal(new CalendarTokenOwner("discord", "1001"), await b.FindAsync("cs395t", tokens[0], default));
        Assert.Null(await a.FindAsync("cs999", tokens[0], default));

        var renewed = await b.RenewAsync("cs395t", "discord", "1001", default);
        Assert.NotEqual(tokens[0], renewed);
        Assert.Equal(renewed, await a.TokenForAsync("cs395t", "discord", "1001", default));
        Assert.Null(await a.FindAsync("cs395t", tokens[0], default));
        Assert.Equal(new CalendarTokenOwner("discord", "1001"), await a.FindAsync("cs395t", renewed, default));
    }
}
