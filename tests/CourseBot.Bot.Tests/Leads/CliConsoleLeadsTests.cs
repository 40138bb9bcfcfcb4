using CourseBot.Bot.Leads;
using CourseBot.Bot.Local;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>The console chat of <c>coursebot run</c> takes /lead and /leads as the student "console", like the CLI.</summary>
public sealed class CliConsoleLeadsTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Lead_and_leads_typed_on_the_console_sign_up_the_console_student_and_show_the_roster()
    {
        var config = LeadsCourse.Create(Path.Combine(_work.Path, "course"));
        var output = new StringWriter();
        var typed = $"/lead {LeadsCourse.Paper1}\n/leads week 1\n";
        var console = new LocalConsole(new StringReader(typed), TextWriter.Synchronized(output));
        var (app, _) = await InProcessBot.StartAsync(new Dictionary<string, string?>(), config, services => services.AddSingleton(console));
        await using (app)
        {
            await Eventually.WaitUntilAsync(() => output.ToString().Contains("Discussion leads", StringComparison.Ordinal), "the roster answered on the console");
            var signups = await app.Services.GetRequiredService<ILeadStore>().ListAsync("cs395t", CancellationToken.None);
            await app.StopAsync();

            Assert.Contains("You lead", output.ToString());
            var signup = Assert.Single(signups);
            Assert.Equal((LeadsCourse.Paper1, "console", "console", (int?)null), (signup.PaperKey, signup.Student.Platform, signup.Student.UserId, signup.WaitlistPosition));
            Assert.Contains("console", output.ToString()[output.ToString().IndexOf("Discussion leads", StringComparison.Ordinal)..]);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_plain_question_about_leads_is_answered_from_the_sign_ups_with_how_it_was_read()
    {
        var config = LeadsCourse.Create(Path.Combine(_work.Path, "course"));
        var output = new StringWriter();
        var typed = $"/lead {LeadsCourse.Paper1}\nwho leads {LeadsCourse.Paper1}?\n";
        var console = new LocalConsole(new StringReader(typed), TextWriter.Synchronized(output));
        var (app, _) = await InProcessBot.StartAsync(new Dictionary<string, string?>(), config, services => services.AddSingleton(console));
        await using (app)
        {
            await Eventually.WaitUntilAsync(() => output.ToString().Contains("Read as:", StringComparison.Ordinal), "the question answered on the console");
            await app.StopAsync();
        }

        var answer = output.ToString()[output.ToString().IndexOf("Discussion leads", StringComparison.Ordinal)..];
        Assert.Contains("console", answer, StringComparison.Ordinal);
        Assert.Contains("Read as: /leads week 1", answer, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
