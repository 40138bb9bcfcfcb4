using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// <c>coursebot leads</c> as processes on the bot's SQLite store: claims, drops and refusals with the chat's messages
/// and exit codes, the roster as CSV and JSON, claims killed with SIGKILL half-way, and a bot restarted between claims.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class LeadsProcessTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly string _config;

    public LeadsProcessTests() => _config = LeadsCourse.Create(Path.Combine(_work.Path, "course"));

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Claims_drops_and_refusals_answer_as_in_chat_with_exit_codes_0_and_1()
    {
        var leads = new LeadsProcesses(_work.Path, _config, new Dictionary<string, string>());
        await leads.CreateStoreAsync(new Dictionary<string, string?>());

        var claimed = await leads.RunAsync("claim", LeadsCourse.Paper1, "--user", "ada", "--name", "Ada Lovelace");
        var second = await leads.RunAsync("claim", LeadsCourse.Paper2, "--user", "ada");
        var unknown = await leads.RunAsync("claim", "zzqqxx", "--user", "grace");
        var optional = await leads.RunAsync("claim", "hotspa-sosp24", "--user", "grace");
        var assigned = await leads.RunAsync("assign", LeadsCourse.Paper1, "grace");
        var waitlisted = await leads.RunAsync("claim", LeadsCourse.Paper1, "--user", "alan", "--platform", "discord", "--name", "Alan");
        var csv = await leads.RunAsync("--format", "csv");
        var dropped = await leads.RunAsync("drop", LeadsCourse.Paper1, "--user", "ada");
        var notSignedUp = await leads.RunAsync("drop", "--user", "ada");
        var json = await leads.RunAsync("--format", "json");

        Assert.True(claimed.ExitCode == 0, claimed.Described);
        Assert.Contains("You lead", claimed.Output);
        Assert.True(second.ExitCode == 1, second.Described);
        Assert.Contains("You already lead 1 paper this term", second.Output);
        Assert.True(unknown.ExitCode == 1, unknown.Described);
        Assert.Contains("No paper you can lead matches", unknown.Output);
        Assert.True(assigned.ExitCode == 0, assigned.Described);
        Assert.Contains("now leads", assigned.Output);
        Assert.True(waitlisted.ExitCode == 0, waitlisted.Described);
        Assert.Contains("#1 on its waitlist", waitlisted.Output);
        Assert.True(dropped.ExitCode == 0, dropped.Described);
        Assert.True(notSignedUp.ExitCode == 1, notSignedUp.Described);
        Assert.True(optional.ExitCode == 1, optional.Described);

        // The gradebook's columns; Ada's name has a space, which CSV keeps unquoted.
        var lines = csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("week,class date,paper key,title,user id,display name,platform,signed up at,waitlist position", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Matches($"^1,\\d{{4}}-\\d\\d-\\d\\d,{LeadsCourse.Paper1},The Illustrated Transformer,ada,Ada Lovelace,console,\\d{{4}}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,$", lines[1]);
        Assert.Matches($",alan,Alan,discord,[^,]+,1$", lines[3]);

        // Ada's drop promoted Alan from the waitlist.
        var rows = LeadsCourse.Rows(json.Output);
        Assert.Equal(
            [(LeadsCourse.Paper1, "alan", (int?)null), (LeadsCourse.Paper1, "grace", null)],
            rows.Select(r => (r.PaperKey, r.UserId, r.WaitlistPosition)).OrderBy(r => r.UserId, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Claims_killed_half_way_leave_every_reported_claim_on_a_consistent_roster() =>
        await ClaimsKilledHalfWayAsync(_work.Path, _config, new Dictionary<string, string>());

    [Fact]
    public async Task Sign_ups_survive_the_bot_stopped_started_and_killed_while_claims_come_from_the_cli()
    {
        var leads = new LeadsProcesses(_work.Path, _config, new Dictionary<string, string>());
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };

        var (bot, _) = await BotProcess.StartReadyAsync(_work.Path, environment, "--config", _config);
        LeadsProcesses.Result whileRunning;
        using (bot)
        {
            whileRunning = await leads.RunAsync("claim", LeadsCourse.Paper1, "--user", "ada");
            await bot.TerminateAsync();
            await bot.WaitForExitAsync();
        }

        var (again, _) = await BotProcess.StartReadyAsync(_work.Path, environment, "--config", _config);
        LeadsProcesses.Result afterRestart;
        try
        {
            afterRestart = await leads.RunAsync("claim", LeadsCourse.Paper2, "--user", "grace");
        }
        finally
        {
            // SIGKILL (Process.Kill on Unix): no shutdown at all.
            again.Dispose();
        }

        var (third, _) = await BotProcess.StartReadyAsync(_work.Path, environment, "--config", _config);
        using (third)
        {
            var json = await leads.RunAsync("--format", "json");

            Assert.True(whileRunning.ExitCode == 0, whileRunning.Described);
            Assert.True(afterRestart.ExitCode == 0, afterRestart.Described);
            Assert.True(json.ExitCode == 0, json.Described);
            Assert.Equal(
                [(LeadsCourse.Paper1, "ada"), (LeadsCourse.Paper2, "grace")],
                LeadsCourse.Rows(json.Output).Select(r => (r.PaperKey, r.UserId)).Order().ToArray());
            await third.TerminateAsync();
            await third.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Twelve students claim three papers (2 leads each, a waitlist) in twelve processes started together; four of
    /// them are killed with SIGKILL as soon as other claims finish, i.e. while they are somewhere in their claim.
    /// Every claim that reported success is on the roster, no paper has more than 2 leads, every waitlist is dense,
    /// and the store takes claims afterwards (no lock left behind).
    /// </summary>
    internal static async Task ClaimsKilledHalfWayAsync(string work, string config, Dictionary<string, string> environment)
    {
        var leads = new LeadsProcesses(work, config, environment);
        await leads.CreateStoreAsync(environment.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value));
        string[] papers = [LeadsCourse.Paper1, LeadsCourse.Paper2, LeadsCourse.Paper3];
        var students = Enumerable.Range(1, 12).Select(i => $"s{i:00}").ToArray();
        var claims = students.Select((s, i) => leads.Start("claim", papers[i % 3], "--user", s, "--name", $"Student {s}")).ToArray();
        var killed = new HashSet<int> { 2, 5, 8, 11 };
        var finished = new List<(string Student, WatchedProcess Claim)>();
        var disposed = new HashSet<int>();
        try
        {
            var survivors = Enumerable.Range(0, claims.Length).Where(i => !killed.Contains(i)).ToArray();
            var waits = survivors.ToDictionary(i => i, i => claims[i].WaitForExitAsync());

            // Kill two claims when the first other claim ends, two more when the next one does.
            var killedRunning = 0;
            foreach (var victims in new[] { new[] { 2, 5 }, new[] { 8, 11 } })
            {
                var done = await Task.WhenAny(waits.Values);
                var index = waits.First(w => w.Value == done).Key;
                waits.Remove(index);
                await done;
                foreach (var victim in victims)
                {
                    killedRunning += claims[victim].HasExited ? 0 : 1;

                    // Process.Kill is SIGKILL on Unix: no handler runs, nothing is flushed or rolled back by the process.
                    claims[victim].Dispose();
                    disposed.Add(victim);
                }
            }

            await Task.WhenAll(waits.Values);
            foreach (var i in survivors)
            {
                finished.Add((students[i], claims[i]));
            }

            var json = await leads.RunAsync("--format", "json");
            var after = await leads.RunAsync("claim", LeadsCourse.Paper3, "--user", "late", "--name", "Late");

            Assert.True(killedRunning > 0, "every claim to kill had already ended; nothing was killed half-way");
            foreach (var (student, claim) in finished)
            {
                Assert.True(claim.ExitCode == 0, claim.Described("ended"));
            }

            Assert.True(json.ExitCode == 0, json.Described);
            var rows = LeadsCourse.Rows(json.Output);
            foreach (var (student, claim) in finished)
            {
                var row = Assert.Single(rows, r => r.UserId == student);
                Assert.Contains(row.WaitlistPosition is null ? "You lead" : $"#{row.WaitlistPosition} on its waitlist", claim.Output);
            }

            LeadsCourse.AssertConsistent(rows, perPaper: 2, perStudent: 1);
            Assert.True(after.ExitCode == 0, after.Described);
        }
        finally
        {
            foreach (var i in Enumerable.Range(0, claims.Length).Where(i => !disposed.Contains(i)))
            {
                claims[i].Dispose();
            }
        }
    }
}
