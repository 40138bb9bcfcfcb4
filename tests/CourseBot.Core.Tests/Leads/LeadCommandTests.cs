using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Leads;

/// <summary>/lead, /leads and /lead-menu: parsed the same everywhere, listed in help, and left to the host by the dispatcher.</summary>
public sealed class LeadCommandTests
{
    [Theory]
    [InlineData("/lead hybridflow", "hybridflow")]
    [InlineData("/lead hybrid flow", "hybrid flow")]
    [InlineData("/lead paper:hybridflow", "hybridflow")]
    [InlineData("/coursebot lead hybridflow", "hybridflow")]
    [InlineData("/LEAD  hybridflow-eurosys25 ", "hybridflow-eurosys25")]
    public void Lead_names_the_paper_as_written(string text, string paper)
    {
        Assert.Equal(new CourseCommand.Lead(paper, Drop: false), CommandParser.Parse(text));
    }

    [Theory]
    [InlineData("/lead drop", null)]
    [InlineData("/lead drop hybridflow", "hybridflow")]
    [InlineData("/lead withdraw hybrid flow", "hybrid flow")]
    [InlineData("/coursebot lead drop", null)]
    public void Lead_drop_withdraws(string text, string? paper)
    {
        Assert.Equal(new CourseCommand.Lead(paper, Drop: true), CommandParser.Parse(text));
    }

    [Fact]
    public void Lead_alone_names_no_paper()
    {
        Assert.Equal(new CourseCommand.Lead(null, Drop: false), CommandParser.Parse("/lead"));
    }

    [Theory]
    [InlineData("/leads")]
    [InlineData("/coursebot leads")]
    public void Leads_alone_is_this_weeks_roster(string text)
    {
        Assert.Equal(new CourseCommand.Leads(null, null), CommandParser.Parse(text));
    }

    [Theory]
    [InlineData("/leads week 3")]
    [InlineData("/leads 3")]
    [InlineData("/leads week:3")]
    [InlineData("/roster w3")]
    public void Leads_takes_a_week_as_reading_does(string text)
    {
        Assert.Equal(new CourseCommand.Leads(new WeekQuery.Numbered(3), null), CommandParser.Parse(text));
    }

    [Fact]
    public void Leads_next_week_is_relative()
    {
        Assert.IsType<WeekQuery.NextWeek>(Assert.IsType<CourseCommand.Leads>(CommandParser.Parse("/leads next week")).Week);
    }

    [Theory]
    [InlineData("/leads assign hybridflow <@80351110224678912>", "hybridflow", "<@80351110224678912>")]
    [InlineData("/leads assign hybrid flow <@U0123ABCD|ada>", "hybrid flow", "<@U0123ABCD|ada>")]
    public void Staff_assign_a_paper_to_a_user(string text, string paper, string user)
    {
        Assert.Equal(new CourseCommand.Leads(null, new LeadsStaffAction.Assign(paper, user)), CommandParser.Parse(text));
    }

    [Fact]
    public void Staff_remove_a_user_from_a_paper()
    {
        Assert.Equal(new CourseCommand.Leads(null, new LeadsStaffAction.Remove("areal", "U0123ABCD")), CommandParser.Parse("/leads remove areal U0123ABCD"));
    }

    [Theory]
    [InlineData("/leads assign", "/leads assign <paper> <user>")]
    [InlineData("/leads assign hybridflow", "/leads assign <paper> <user>")]
    [InlineData("/leads remove", "/leads remove <paper> <user>")]
    [InlineData("/leads close", "/leads close <week>")]
    public void An_incomplete_staff_action_carries_its_usage(string text, string usage)
    {
        var leads = Assert.IsType<CourseCommand.Leads>(CommandParser.Parse(text));

        var incomplete = Assert.IsType<LeadsStaffAction.Incomplete>(leads.Staff);
        Assert.StartsWith(usage, incomplete.Usage);
    }

    [Fact]
    public void Staff_close_and_reopen_a_week()
    {
        Assert.Equal(new CourseCommand.Leads(null, new LeadsStaffAction.Close(new WeekQuery.Numbered(3))), CommandParser.Parse("/leads close week 3"));
        Assert.Equal(new CourseCommand.Leads(null, new LeadsStaffAction.Open(new WeekQuery.Numbered(3))), CommandParser.Parse("/leads open 3"));
        Assert.Equal(new CourseCommand.Leads(null, new LeadsStaffAction.Open(new WeekQuery.Numbered(4))), CommandParser.Parse("/leads reopen w4"));
    }

    [Fact]
    public void The_lead_button_names_the_week_by_its_monday()
    {
        Assert.Equal(new CourseCommand.LeadMenu(new DateOnly(2025, 9, 8)), CommandParser.Parse("/lead-menu 2025-09-08"));
        Assert.IsType<CourseCommand.Unknown>(CommandParser.Parse("/lead-menu soon"));
    }

    [Fact]
    public void The_dispatcher_leaves_sign_ups_to_the_host()
    {
        var course = SampleCourse.Snapshot(d => d with { Leads = LeadCourse.Policy });
        var now = SampleCourse.At(2025, 9, 1);

        foreach (var command in new CourseCommand[] { new CourseCommand.Lead("hybridflow", false), new CourseCommand.Leads(null, null), new CourseCommand.LeadMenu(LeadCourse.Week3) })
        {
            Assert.True(CommandDispatcher.UsesSignups(command));
            Assert.True(CommandDispatcher.DependsOnTime(command));
            var reply = CommandDispatcher.Answer(command, course, now);
            Assert.True(reply.IsError);
            Assert.Contains("kept by the running bot", PlainTextRenderer.Render(reply));
        }

        Assert.False(CommandDispatcher.UsesSignups(new CourseCommand.Reading(null)));
        Assert.Contains("no discussion-lead sign-ups", PlainTextRenderer.Render(CommandDispatcher.Answer(new CourseCommand.Lead("x", false), SampleCourse.Snapshot(), now)));
    }

    [Fact]
    public void Help_lists_lead_and_leads_only_when_the_course_has_sign_ups()
    {
        var with = PlainTextRenderer.Render(HelpReply.Create(SampleCourse.Snapshot(d => d with { Leads = LeadCourse.Policy })));
        var without = PlainTextRenderer.Render(HelpReply.Create(SampleCourse.Snapshot()));
        var slack = PlainTextRenderer.Render(HelpReply.Create(SampleCourse.Snapshot(d => d with { Leads = LeadCourse.Policy }), names: CommandNames.Slack));

        Assert.Contains("/lead <paper>", with);
        Assert.Contains("/leads [week]", with);
        Assert.Contains("/leads assign|remove <paper> <user>", with);
        Assert.DoesNotContain("/lead", without);
        Assert.Contains("/coursebot lead <paper>", slack);
        Assert.Contains("/coursebot leads [week]", slack);
    }
}
