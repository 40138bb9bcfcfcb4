using System.CommandLine;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Cli;

/// <summary>
/// <c>coursebot leads</c>: the discussion-lead roster from the bot's store (text, JSON, or CSV for the gradebook),
/// and <c>leads claim|drop|assign|remove</c>, which go through the same conversation as chat, so the rules and the
/// messages are the chat's: a refusal prints the reason and exits 1.
/// </summary>
internal static class LeadsCommand
{
    /// <summary>The platform of the CLI and the local console (LeadStudent's "console").</summary>
    public const string ConsolePlatform = "console";

    /// <summary>Who the CLI acts as when staff assign or remove a lead.</summary>
    private const string StaffUser = "console";

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var week = new Option<int?>("--week") { Description = "Only this week's sign-ups", HelpName = "N" };
        var format = new Option<string>("--format")
        {
            Description = "Output format (csv: week, class date, paper key, title, user id, display name, platform, signed up at, waitlist position)",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "json", "csv");
        var command = new Command("leads", "List the discussion leads (the roster), or claim, drop, assign or remove a lead as in chat") { config, course, week, format };
        command.SetAction((result, cancellationToken) => ListAsync(result, config, course, week, format, cancellationToken));
        command.Subcommands.Add(Claim());
        command.Subcommands.Add(Drop());
        command.Subcommands.Add(Staff("assign", "Make a user a lead of a paper (staff: the per-student limit and the sign-up window do not apply)"));
        command.Subcommands.Add(Staff("remove", "Remove a user's sign-up for a paper (staff)"));
        return command;
    }

    private static async Task<int> ListAsync(ParseResult result, Option<string?> config, Option<string?> course, Option<int?> week, Option<string> format, CancellationToken cancellationToken)
    {
        var error = result.InvocationConfiguration.Error;
        var output = result.InvocationConfiguration.Output;
        if (await CommonOptions.LoadCourseAsync(result, config, course, cancellationToken) is not ({ } _, { } snapshot)
            || CatalogOf(snapshot, error) is not { } catalog
            || CommonOptions.ExistingDirectory(result.GetValue(config), error) is not { } directory)
        {
            return CommonOptions.ConfigurationError;
        }

        var number = result.GetValue(week);
        if (number is { } n && !snapshot.Calendar.Weeks.Any(w => w.Number == n))
        {
            var numbers = snapshot.Calendar.Weeks.Where(w => w.Number is not null).Select(w => w.Number!.Value).ToArray();
            error.WriteLine(numbers.Length == 0
                ? $"error: --week {n}: the course \"{snapshot.Course.Id}\" has no numbered weeks"
                : $"error: --week {n} is not a week of the course \"{snapshot.Course.Id}\"; its weeks are {numbers.Min()} to {numbers.Max()} (`coursebot schedule` lists them)");
            return CommonOptions.ConfigurationError;
        }

        await using var bot = await OfflineBot.StartAsync(directory, loadCourses: false, error, cancellationToken);
        if (bot is null)
        {
            return CommonOptions.ConfigurationError;
        }

        var signups = await bot.Services.GetRequiredService<ILeadStore>().ListAsync(snapshot.Course.Id, cancellationToken);
        var rows = LeadRosterExport.Rows(catalog, signups, number);
        output.Write(result.GetValue(format) switch
        {
            "json" => LeadRosterExport.Json(rows) + "\n",
            "csv" => LeadRosterExport.Csv(rows),
            _ => LeadRosterExport.Text(rows),
        });
        return 0;
    }

    private static Command Claim()
    {
        var paper = new Argument<string>("paper") { Description = "The paper's key (or words naming it, as in chat)" };
        var user = User();
        var name = new Option<string?>("--name") { Description = "The name shown on the roster (default: the user id)", HelpName = "NAME" };
        var platform = Platform();
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var command = new Command("claim", "Sign a student up to lead a paper, as /lead <paper> in chat") { paper, user, name, platform, config, course };
        command.SetAction((result, cancellationToken) => AnswerAsync(
            result,
            config,
            course,
            result.GetValue(platform)!,
            result.GetValue(user)!,
            result.GetValue(name),
            isStaff: false,
            new CourseCommand.Lead(result.GetValue(paper), Drop: false),
            cancellationToken));
        return command;
    }

    private static Command Drop()
    {
        var paper = new Argument<string?>("paper") { Description = "The paper's key (default: the student's first sign-up)", Arity = ArgumentArity.ZeroOrOne };
        var user = User();
        var platform = Platform();
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var command = new Command("drop", "Withdraw a student from leading a paper, as /lead drop [paper] in chat") { paper, user, platform, config, course };
        command.SetAction((result, cancellationToken) => AnswerAsync(
            result,
            config,
            course,
            result.GetValue(platform)!,
            result.GetValue(user)!,
            name: null,
            isStaff: false,
            new CourseCommand.Lead(result.GetValue(paper), Drop: true),
            cancellationToken));
        return command;
    }

    private static Command Staff(string verb, string description)
    {
        var paper = new Argument<string>("paper") { Description = "The paper's key (or words naming it)" };
        var user = new Argument<string>("user") { Description = "The student's user id on the platform" };
        var platform = Platform();
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var command = new Command(verb, description) { paper, user, platform, config, course };
        command.SetAction((result, cancellationToken) =>
        {
            LeadsStaffAction action = verb == "assign"
                ? new LeadsStaffAction.Assign(result.GetValue(paper)!, result.GetValue(user)!)
                : new LeadsStaffAction.Remove(result.GetValue(paper)!, result.GetValue(user)!);
            return AnswerAsync(result, config, course, result.GetValue(platform)!, StaffUser, name: null, isStaff: true, new CourseCommand.Leads(null, action), cancellationToken);
        });
        return command;
    }

    private static Option<string> User() => new("--user") { Description = "The student's user id on the platform", Required = true, HelpName = "ID" };

    private static Option<string> Platform() => new Option<string>("--platform")
    {
        Description = "The student's platform",
        DefaultValueFactory = _ => ConsolePlatform,
    }.AcceptOnlyFromAmong("discord", "slack", ConsolePlatform);

    /// <summary>
    /// Answers a lead command as the bot would in chat: the course loaded into the bot's catalog, the store the bot
    /// uses, through <see cref="ICourseConversation"/>. 0 when done, 1 with the reason when refused.
    /// </summary>
    private static async Task<int> AnswerAsync(
        ParseResult result,
        Option<string?> config,
        Option<string?> course,
        string platform,
        string userId,
        string? name,
        bool isStaff,
        CourseCommand command,
        CancellationToken cancellationToken)
    {
        var error = result.InvocationConfiguration.Error;
        var output = result.InvocationConfiguration.Output;

        // The course first, as every verb does (same messages, exit 2), so that a folder without a usable course opens no store.
        if (await CommonOptions.LoadCourseAsync(result, config, course, cancellationToken) is not ({ } _, { } chosen)
            || CatalogOf(chosen, error) is null
            || CommonOptions.ExistingDirectory(result.GetValue(config), error) is not { } directory)
        {
            return CommonOptions.ConfigurationError;
        }

        await using var bot = await OfflineBot.StartAsync(directory, loadCourses: true, error, cancellationToken);
        if (bot is null)
        {
            return CommonOptions.ConfigurationError;
        }

        var catalog = bot.Services.GetRequiredService<CourseCatalog>();
        if (catalog.Find(chosen.Course.Id) is null)
        {
            // Only when the course file broke between the two reads.
            error.WriteLine($"error: the course \"{chosen.Course.Id}\" could not be loaded; run `coursebot validate` to see why");
            return CommonOptions.ConfigurationError;
        }

        if (!TryChannelOf(catalog, chosen, out var channel))
        {
            error.WriteLine($"error: the course \"{chosen.Course.Id}\" has no channels, and the folder holds several courses; "
                + "the conversation finds a course by its channels, so give it one (channels: in its course file) or use a folder with this course only");
            return CommonOptions.ConfigurationError;
        }

        var context = new CommandContext(platform, channel, null, userId, isStaff) { DisplayName = name ?? userId };
        var reply = await bot.Services.GetRequiredService<ICourseConversation>().AnswerAsync(context, command, cancellationToken);
        output.Write(PlainTextRenderer.Render(reply));
        return reply.IsError ? CommonOptions.ErrorAnswer : 0;
    }

    /// <summary>The course's sign-ups, or null after saying the course has none.</summary>
    private static LeadCatalog? CatalogOf(CourseSnapshot course, TextWriter error)
    {
        var catalog = LeadCatalog.For(course);
        if (catalog is null)
        {
            error.WriteLine($"error: the course \"{course.Course.Id}\" has no discussion leads: its course file has no leads: section (see README: Course file: leads)");
        }

        return catalog;
    }

    /// <summary>
    /// The channel that makes the conversation answer for <paramref name="course"/>: none when it is the only course,
    /// else one of its channels; false when several courses are served and it has no channel.
    /// </summary>
    private static bool TryChannelOf(CourseCatalog catalog, CourseSnapshot course, out string? channel)
    {
        channel = null;
        if (catalog.Courses.Count() == 1)
        {
            return true;
        }

        channel = course.Course.Channels.Discord.Concat(course.Course.Channels.Slack).FirstOrDefault();
        return channel is not null;
    }
}
