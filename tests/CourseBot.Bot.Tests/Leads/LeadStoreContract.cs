using CourseBot.Bot.Leads;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>The behaviour every sign-up store must have; run against SQLite and PostgreSQL.</summary>
public abstract class LeadStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 9, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly LeadLimits OnePerPaper = new(PerPaper: 1, PerStudent: 1, Waitlist: false);
    private static readonly LeadLimits WithWaitlist = new(PerPaper: 1, PerStudent: 1, Waitlist: true);

    private readonly string _course = $"cs395t-{Guid.NewGuid():N}";
    private SqlLeadStore? _store;

    private SqlLeadStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A new store on the test's database: another "host" when called twice.</summary>
    protected abstract Task<SqlLeadStore> CreateStoreAsync();

    /// <summary>The Storage settings of the test's database, for the registration test.</summary>
    protected abstract Task<Dictionary<string, string?>> StorageSettingsAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.EnsureSchemaAsync(default);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static LeadStudent Student(int n) => new("discord", $"user-{n}", $"Student {n}");

    private Task<LeadClaim> ClaimAsync(string paper, int student, LeadLimits? limits = null, int minutes = 0, ILeadStore? store = null) =>
        (store ?? Store).ClaimAsync(_course, paper, Student(student), limits ?? OnePerPaper, At.AddMinutes(minutes), default);

    private Task<LeadDrop> DropAsync(string? paper, int student) =>
        Store.DropAsync(_course, paper, "discord", $"user-{student}", default);

    private async Task<List<(string Paper, string User, int? Position)>> RosterAsync(ILeadStore? store = null) =>
        [.. (await (store ?? Store).ListAsync(_course, default)).Select(s => (s.PaperKey, s.Student.UserId, s.WaitlistPosition))];

    [Fact]
    public async Task A_free_paper_is_claimed_and_listed_with_the_students_name_and_time()
    {
        var claim = await ClaimAsync("hybridflow", 1);

        Assert.IsType<LeadClaim.Claimed>(claim);
        var signup = Assert.Single(await Store.ListAsync(_course, default));
        Assert.Equal(new LeadSignup(_course, "hybridflow", new LeadStudent("discord", "user-1", "Student 1"), At, null), signup);
    }

    [Fact]
    public async Task Claiming_the_same_paper_again_changes_nothing()
    {
        await ClaimAsync("hybridflow", 1);

        var again = await ClaimAsync("hybridflow", 1, minutes: 5);

        Assert.IsType<LeadClaim.AlreadyLeading>(again);
        Assert.Equal(At, Assert.Single(await Store.ListAsync(_course, default)).SignedUpAt);
    }

    [Fact]
    public async Task A_full_paper_without_a_waitlist_is_refused()
    {
        await ClaimAsync("hybridflow", 1);

        Assert.IsType<LeadClaim.Full>(await ClaimAsync("hybridflow", 2));
        Assert.Equal([("hybridflow", "user-1", (int?)null)], await RosterAsync());
    }

    [Fact]
    public async Task A_paper_takes_as_many_leads_as_per_paper_allows()
    {
        var three = new LeadLimits(PerPaper: 3, PerStudent: 1, Waitlist: false);

        var claims = new[] { await ClaimAsync("areal", 1, three), await ClaimAsync("areal", 2, three), await ClaimAsync("areal", 3, three) };

        Assert.All(claims, c => Assert.IsType<LeadClaim.Claimed>(c));
        Assert.IsType<LeadClaim.Full>(await ClaimAsync("areal", 4, three));
    }

    [Fact]
    public async Task A_full_paper_with_a_waitlist_queues_students_in_order()
    {
        await ClaimAsync("hybridflow", 1, WithWaitlist);

        var second = await ClaimAsync("hybridflow", 2, WithWaitlist, minutes: 1);
        var third = await ClaimAsync("hybridflow", 3, WithWaitlist, minutes: 2);
        var thirdAgain = await ClaimAsync("hybridflow", 3, WithWaitlist, minutes: 3);

        Assert.Equal(new LeadClaim.Waitlisted(1), second);
        Assert.Equal(new LeadClaim.Waitlisted(2), third);
        Assert.Equal(new LeadClaim.AlreadyWaitlisted(2), thirdAgain);
        Assert.Equal([("hybridflow", "user-1", null), ("hybridflow", "user-2", 1), ("hybridflow", "user-3", (int?)2)], await RosterAsync());
    }

    [Fact]
    public async Task A_student_at_their_maximum_is_told_which_papers_they_hold_waitlist_places_included()
    {
        var two = new LeadLimits(PerPaper: 1, PerStudent: 2, Waitlist: true);
        await ClaimAsync("hybridflow", 1, two);
        await ClaimAsync("areal", 2, two);
        await ClaimAsync("hybridflow", 2, two, minutes: 1); // waitlisted: counts toward the maximum

        var claim = await ClaimAsync("stagefusion", 2, two, minutes: 2);

        var atMaximum = Assert.IsType<LeadClaim.AtMaximum>(claim);
        Assert.Equal(["areal", "hybridflow"], atMaximum.PaperKeys);
    }

    [Fact]
    public async Task A_staff_assignment_may_exceed_per_student_but_not_per_paper()
    {
        var staff = OnePerPaper with { IgnorePerStudent = true };
        await ClaimAsync("hybridflow", 1);
        await ClaimAsync("areal", 2);

        Assert.IsType<LeadClaim.AtMaximum>(await ClaimAsync("stagefusion", 1));
        Assert.IsType<LeadClaim.Claimed>(await ClaimAsync("stagefusion", 1, staff));
        Assert.IsType<LeadClaim.Full>(await ClaimAsync("areal", 1, staff));
    }

    [Fact]
    public async Task Dropping_a_lead_without_a_waitlist_frees_the_slot()
    {
        await ClaimAsync("hybridflow", 1);

        var drop = await DropAsync("hybridflow", 1);

        Assert.Equal(new LeadDrop.Dropped("hybridflow", null), drop);
        Assert.Empty(await RosterAsync());
        Assert.IsType<LeadClaim.Claimed>(await ClaimAsync("hybridflow", 2));
    }

    [Fact]
    public async Task Dropping_what_one_does_not_hold_is_not_signed_up()
    {
        await ClaimAsync("hybridflow", 1);

        Assert.IsType<LeadDrop.NotSignedUp>(await DropAsync("hybridflow", 2));
        Assert.IsType<LeadDrop.NotSignedUp>(await DropAsync("areal", 1));
        Assert.IsType<LeadDrop.NotSignedUp>(await DropAsync(null, 2));
        Assert.Single(await RosterAsync());
    }

    [Fact]
    public async Task A_leads_drop_promotes_the_first_waitlisted_student_and_keeps_the_waitlist_dense()
    {
        await ClaimAsync("hybridflow", 1, WithWaitlist);
        await ClaimAsync("hybridflow", 2, WithWaitlist, minutes: 1);
        await ClaimAsync("hybridflow", 3, WithWaitlist, minutes: 2);
        await ClaimAsync("hybridflow", 4, WithWaitlist, minutes: 3);

        var drop = await DropAsync("hybridflow", 1);

        var dropped = Assert.IsType<LeadDrop.Dropped>(drop);
        Assert.Equal("hybridflow", dropped.PaperKey);
        Assert.Equal(new LeadSignup(_course, "hybridflow", Student(2), At.AddMinutes(1), null), dropped.Promoted);
        Assert.Equal([("hybridflow", "user-2", null), ("hybridflow", "user-3", 1), ("hybridflow", "user-4", (int?)2)], await RosterAsync());
        Assert.Equal(new LeadClaim.Waitlisted(3), await ClaimAsync("hybridflow", 5, WithWaitlist, minutes: 4));
    }

    [Fact]
    public async Task Leaving_the_waitlist_closes_the_gap_and_promotes_nobody()
    {
        await ClaimAsync("hybridflow", 1, WithWaitlist);
        await ClaimAsync("hybridflow", 2, WithWaitlist, minutes: 1);
        await ClaimAsync("hybridflow", 3, WithWaitlist, minutes: 2);
        await ClaimAsync("hybridflow", 4, WithWaitlist, minutes: 3);

        var drop = await DropAsync("hybridflow", 3);

        Assert.Equal(new LeadDrop.Dropped("hybridflow", null), drop);
        Assert.Equal([("hybridflow", "user-1", null), ("hybridflow", "user-2", 1), ("hybridflow", "user-4", (int?)2)], await RosterAsync());
    }

    [Fact]
    public async Task A_drop_without_a_paper_takes_the_paper_the_student_leads_before_a_waitlist_place()
    {
        var two = new LeadLimits(PerPaper: 1, PerStudent: 2, Waitlist: true);
        await ClaimAsync("hybridflow", 1, two);
        await ClaimAsync("hybridflow", 2, two, minutes: 1); // waiting since minute 1
        await ClaimAsync("areal", 2, two, minutes: 2);      // leading since minute 2

        var drop = await DropAsync(null, 2);

        Assert.Equal(new LeadDrop.Dropped("areal", null), drop);
        Assert.Equal(new LeadDrop.Dropped("hybridflow", null), await DropAsync(null, 2));
        Assert.IsType<LeadDrop.NotSignedUp>(await DropAsync(null, 2));
    }

    [Fact]
    public async Task The_list_is_by_paper_leads_in_sign_up_order_then_the_waitlist()
    {
        var two = new LeadLimits(PerPaper: 2, PerStudent: 1, Waitlist: true);
        await ClaimAsync("stagefusion", 5, two, minutes: 0);
        await ClaimAsync("areal", 3, two, minutes: 1);
        await ClaimAsync("areal", 1, two, minutes: 2);
        await ClaimAsync("areal", 4, two, minutes: 3);
        await ClaimAsync("areal", 2, two, minutes: 4);

        Assert.Equal(
            [("areal", "user-3", null), ("areal", "user-1", null), ("areal", "user-4", 1), ("areal", "user-2", 2), ("stagefusion", "user-5", (int?)null)],
            await RosterAsync());
    }

    [Fact]
    public async Task Another_course_is_kept_apart()
    {
        await ClaimAsync("hybridflow", 1);

        var other = await Store.ClaimAsync(_course + "-other", "hybridflow", Student(2), OnePerPaper, At, default);

        Assert.IsType<LeadClaim.Claimed>(other);
        Assert.Equal([("hybridflow", "user-1", (int?)null)], await RosterAsync());
    }

    [Fact]
    public async Task Releasing_a_removed_paper_returns_its_leads_and_waitlist_and_leaves_the_rest()
    {
        await ClaimAsync("hybridflow", 1, WithWaitlist);
        await ClaimAsync("hybridflow", 2, WithWaitlist, minutes: 1);
        await ClaimAsync("areal", 3, WithWaitlist);

        var released = await Store.ReleasePaperAsync(_course, "hybridflow", default);

        Assert.Equal(
            [new LeadSignup(_course, "hybridflow", Student(1), At, null), new LeadSignup(_course, "hybridflow", Student(2), At.AddMinutes(1), 1)],
            released);
        Assert.Equal([("areal", "user-3", (int?)null)], await RosterAsync());
        Assert.Empty(await Store.ReleasePaperAsync(_course, "hybridflow", default));
    }

    [Fact]
    public async Task Staff_close_and_reopen_a_week_once_each()
    {
        var week = new DateOnly(2025, 9, 8);

        Assert.True(await Store.SetWeekClosedAsync(_course, week, closed: true, At, default));
        Assert.False(await Store.SetWeekClosedAsync(_course, week, closed: true, At.AddHours(1), default));
        Assert.Equal(new Dictionary<DateOnly, DateTimeOffset> { [week] = At }, await Store.ClosedWeeksAsync(_course, default));

        Assert.True(await Store.SetWeekClosedAsync(_course, week, closed: false, At.AddHours(2), default));
        Assert.False(await Store.SetWeekClosedAsync(_course, week, closed: false, At.AddHours(3), default));
        Assert.Empty(await Store.ClosedWeeksAsync(_course, default));
    }

    [Fact]
    public async Task Schema_creation_can_run_again()
    {
        await ClaimAsync("hybridflow", 1);

        await Store.EnsureSchemaAsync(default);

        Assert.Single(await RosterAsync());
    }

    [Fact]
    public async Task A_claim_survives_closing_the_store_and_opening_it_again()
    {
        await ClaimAsync("hybridflow", 1, WithWaitlist);
        await ClaimAsync("hybridflow", 2, WithWaitlist);
        await Store.SetWeekClosedAsync(_course, new DateOnly(2025, 9, 8), closed: true, At, default);
        await ReopenAsync();

        var reopened = await CreateStoreAsync();

        Assert.Equal([("hybridflow", "user-1", null), ("hybridflow", "user-2", (int?)1)], await RosterAsync(reopened));
        Assert.Single(await reopened.ClosedWeeksAsync(_course, default));
        Assert.IsType<LeadClaim.AlreadyLeading>(await ClaimAsync("hybridflow", 1, WithWaitlist, store: reopened));
    }

    /// <summary>Closes whatever the first store keeps open (pools, data sources), as a stopped bot would.</summary>
    protected abstract Task ReopenAsync();

    [Fact]
    public async Task Twenty_students_racing_for_the_last_slot_give_exactly_one_lead()
    {
        var two = new LeadLimits(PerPaper: 2, PerStudent: 1, Waitlist: false);
        await ClaimAsync("hybridflow", 0, two);

        var claims = await RaceAsync(20, n => ClaimAsync("hybridflow", n + 1, two));

        Assert.Single(claims, c => c is LeadClaim.Claimed);
        Assert.Equal(19, claims.Count(c => c is LeadClaim.Full));
        Assert.Equal(2, (await RosterAsync()).Count);
    }

    [Fact]
    public async Task Twenty_students_racing_with_a_waitlist_give_one_lead_and_a_dense_waitlist()
    {
        await AssertRaceWithWaitlistAsync([Store]);
    }

    [Fact]
    public async Task Two_hosts_racing_for_the_last_slot_give_exactly_one_lead_and_a_dense_waitlist()
    {
        var secondHost = await CreateStoreAsync();

        await AssertRaceWithWaitlistAsync([Store, secondHost]);
    }

    [Fact]
    public async Task One_student_racing_for_twenty_papers_gets_only_their_maximum()
    {
        var secondHost = await CreateStoreAsync();

        var claims = await RaceAsync(20, n =>
            (n % 2 == 0 ? Store : secondHost).ClaimAsync(_course, $"paper-{n}", Student(1), OnePerPaper, At, default));

        Assert.Single(claims, c => c is LeadClaim.Claimed);
        Assert.Equal(19, claims.Count(c => c is LeadClaim.AtMaximum));
        Assert.Single(await RosterAsync());
    }

    [Fact]
    public async Task Racing_drops_and_claims_keep_one_lead_and_a_dense_waitlist()
    {
        var secondHost = await CreateStoreAsync();
        for (var n = 0; n < 6; n++)
        {
            await ClaimAsync("hybridflow", n, WithWaitlist, minutes: n);
        }

        // Students 0–5 (one lead, five waiting) drop while 6–15 claim, half through each host.
        var outcomes = await RaceAsync(16, async n => n < 6
            ? (object)await DropAsync("hybridflow", n)
            : await ClaimAsync("hybridflow", n, WithWaitlist, store: n % 2 == 0 ? Store : secondHost));

        Assert.All(outcomes.OfType<LeadDrop>(), d => Assert.IsType<LeadDrop.Dropped>(d));
        var roster = await RosterAsync();
        Assert.Single(roster, s => s.Position is null);
        Assert.Equal(Enumerable.Range(1, roster.Count - 1).Select(p => (int?)p), roster.Where(s => s.Position is not null).Select(s => s.Position));
        Assert.Equal(10, roster.Count);
        Assert.All(roster, s => Assert.DoesNotContain(s.User, Enumerable.Range(0, 6).Select(n => $"user-{n}")));
    }

    [Fact]
    public async Task The_storage_registration_creates_the_tables_and_serves_the_store()
    {
        var settings = await StorageSettingsAsync();
        using var configured = BotStorageHostWith(settings);
        await configured.Services.GetRequiredService<StorageSchema>().EnsureCreatedAsync(default);
        var store = configured.Services.GetRequiredService<ILeadStore>();

        var claim = await store.ClaimAsync(_course, "hybridflow", Student(1), OnePerPaper, At, default);

        Assert.IsType<LeadClaim.Claimed>(claim);
        Assert.Equal([("hybridflow", "user-1", (int?)null)], await RosterAsync(store));
    }

    private static Microsoft.Extensions.Hosting.IHost BotStorageHostWith(Dictionary<string, string?> settings) =>
        BotStorageHost.BuildUnvalidated(settings["Storage:Provider"]!, settings["Storage:ConnectionString"]);

    private async Task AssertRaceWithWaitlistAsync(IReadOnlyList<ILeadStore> hosts)
    {
        var two = new LeadLimits(PerPaper: 2, PerStudent: 1, Waitlist: true);
        await ClaimAsync("hybridflow", 0, two);

        var claims = await RaceAsync(20, n => ClaimAsync("hybridflow", n + 1, two, store: hosts[n % hosts.Count]));

        Assert.Single(claims, c => c is LeadClaim.Claimed);
        Assert.Equal(Enumerable.Range(1, 19), claims.OfType<LeadClaim.Waitlisted>().Select(w => w.Position).Order());
        foreach (var host in hosts)
        {
            var roster = await RosterAsync(host);
            Assert.Equal(2, roster.Count(s => s.Position is null));
            Assert.Equal(Enumerable.Range(1, 19).Select(p => (int?)p), roster.Where(s => s.Position is not null).Select(s => s.Position));
        }
    }

    /// <summary>Starts <paramref name="count"/> operations at once (each on its own thread-pool task, released together).</summary>
    private static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> operation)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(n => Task.Run(async () =>
        {
            await start.Task;
            return await operation(n);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers).WaitAsync(TimeSpan.FromMinutes(2));
    }
}
