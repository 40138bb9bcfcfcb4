using System.Text.Json;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Leads;

/// <summary>The roster per week and for the term, the lead reminder, and the staff export (text, JSON, CSV).</summary>
public sealed class LeadRosterTests
{
    private static readonly LeadCatalog Catalog = LeadCourse.Catalog();

    [Fact]
    public void A_weeks_roster_lists_each_class_then_its_papers_with_leads_and_free_slots()
    {
        var reply = LeadRoster.Week(Catalog, LeadCourse.Week3, [LeadCourse.Lead("hybridflow-eurosys25", "Ada")]);

        Assert.Equal(
            """
            Discussion leads · Week 3 · LLM Post-Training for Alignment
            Tue Sep 9
              HybridFlow: Ada · 1 of 2 open
            Thu Sep 11
              AReaL: 2 of 2 open

            """.ReplaceLineEndings("\n"),
            PlainTextRenderer.Render(reply));
    }

    [Fact]
    public void A_full_paper_shows_full_and_its_waitlist()
    {
        var reply = LeadRoster.Week(Catalog, LeadCourse.Week3,
        [
            LeadCourse.Lead("areal-arxiv25", "Grace", minute: 2),
            LeadCourse.Lead("areal-arxiv25", "Ada", minute: 1),
            LeadCourse.Lead("areal-arxiv25", "Alan", minute: 3, waitlist: 1),
        ]);

        Assert.Contains("  AReaL: Ada, Grace · full · 1 on the waitlist\n", PlainTextRenderer.Render(reply));
    }

    [Fact]
    public void Without_names_the_roster_shows_taken()
    {
        var catalog = LeadCourse.Catalog(p => p with { ShowNames = false });

        var text = PlainTextRenderer.Render(LeadRoster.Week(catalog, LeadCourse.Week3, [LeadCourse.Lead("hybridflow-eurosys25", "Ada")]));

        Assert.Contains("  HybridFlow: taken · 1 of 2 open\n", text);
        Assert.DoesNotContain("Ada", text);
    }

    [Fact]
    public void The_holiday_week_says_no_class()
    {
        Assert.Contains("Thanksgiving break: no class", PlainTextRenderer.Render(LeadRoster.Week(Catalog, new DateOnly(2025, 11, 24), [])));
    }

    [Fact]
    public void The_term_roster_has_every_week_with_papers_to_lead()
    {
        var text = PlainTextRenderer.Render(LeadRoster.Term(Catalog, [LeadCourse.Lead("areal-arxiv25", "Ada")]));

        Assert.StartsWith("Discussion leads · CS 395T: Advanced Topics in Systems and GenAI\n", text);
        Assert.Contains("Week 3 · LLM Post-Training for Alignment (Sep 8–14)\nTue Sep 9\n  HybridFlow: 2 of 2 open\nThu Sep 11\n  AReaL: Ada · 1 of 2 open\n", text);
        Assert.DoesNotContain("Thanksgiving", text);
    }

    [Fact]
    public void The_lead_reminder_names_the_paper_the_class_and_the_slides_deadline()
    {
        var reply = LeadRoster.Reminder(Catalog, Catalog.Find("areal-arxiv25")!);

        // Issue 13: "You lead *AReaL* on Thu Sep 11, 12:30; slides are due Wed Sep 10, 17:00".
        var line = Assert.IsType<ReplyBlock.Paragraph>(reply.Blocks[0]);
        Assert.Equal("You lead AReaL on Thu Sep 11, 12:30; slides are due Wed Sep 10, 17:00", PlainTextRenderer.Line(line.Spans, reply.TimeZone));
        Assert.Contains(new Span.Text("AReaL", Bold: true), line.Spans);
    }

    [Fact]
    public void Without_a_slides_deadline_the_reminder_names_only_the_class()
    {
        var catalog = LeadCourse.Catalog(p => p with { SlidesDue = null });

        var line = Assert.IsType<ReplyBlock.Paragraph>(LeadRoster.Reminder(catalog, catalog.Find("areal-arxiv25")!).Blocks[0]);

        Assert.Equal("You lead AReaL on Thu Sep 11, 12:30", PlainTextRenderer.Line(line.Spans, SampleCourse.Chicago));
    }

    [Fact]
    public void The_csv_export_has_the_gradebook_header_and_quotes_what_needs_it()
    {
        var rows = LeadRosterExport.Rows(Catalog,
        [
            LeadCourse.Lead("areal-arxiv25", "Lovelace, Ada \"AL\""),
            LeadCourse.Lead("hybridflow-eurosys25", "Grace", platform: "slack"),
            LeadCourse.Lead("hybridflow-eurosys25", "=HYPERLINK(1)", minute: 5, waitlist: 1),
        ]);

        Assert.Equal(
            "week,class date,paper key,title,user id,display name,platform,signed up at,waitlist position\r\n"
            + "3,2025-09-09,hybridflow-eurosys25,HybridFlow: A Flexible and Efficient RLHF Framework,id-Grace,Grace,slack,2025-09-01T15:00:00Z,\r\n"
            + "3,2025-09-09,hybridflow-eurosys25,HybridFlow: A Flexible and Efficient RLHF Framework,id-=HYPERLINK(1),'=HYPERLINK(1),discord,2025-09-01T15:05:00Z,1\r\n"
            + "3,2025-09-11,areal-arxiv25,AReaL: A Large-Scale Asynchronous Reinforcement Learning System for Language Reasoning,\"id-Lovelace, Ada \"\"AL\"\"\",\"Lovelace, Ada \"\"AL\"\"\",discord,2025-09-01T15:00:00Z,\r\n",
            LeadRosterExport.Csv(rows));
    }

    [Fact]
    public void A_sign_up_whose_paper_has_no_class_any_more_is_still_exported_last()
    {
        var rows = LeadRosterExport.Rows(Catalog, [LeadCourse.Lead("rlhfuse-nsdi25", "Ada"), LeadCourse.Lead("areal-arxiv25", "Grace")]);

        Assert.Equal(["areal-arxiv25", "rlhfuse-nsdi25"], rows.Select(r => r.PaperKey));
        Assert.Null(rows[1].Week);
        Assert.Null(rows[1].ClassDate);
        Assert.Equal("Optimizing RLHF Training for Large Language Models with Stage Fusion", rows[1].Title);
    }

    [Fact]
    public void One_week_can_be_exported()
    {
        var rows = LeadRosterExport.Rows(Catalog, [LeadCourse.Lead("illtransformer", "Ada"), LeadCourse.Lead("areal-arxiv25", "Grace")], week: 3);

        Assert.Equal(["areal-arxiv25"], rows.Select(r => r.PaperKey));
    }

    [Fact]
    public void The_json_export_has_every_column_in_camel_case()
    {
        var json = LeadRosterExport.Json(LeadRosterExport.Rows(Catalog, [LeadCourse.Lead("areal-arxiv25", "Ada", waitlist: 2)]));

        using var document = JsonDocument.Parse(json);
        var row = Assert.Single(document.RootElement.EnumerateArray().ToArray());
        Assert.Equal(3, row.GetProperty("week").GetInt32());
        Assert.Equal("2025-09-11", row.GetProperty("classDate").GetString());
        Assert.Equal("areal-arxiv25", row.GetProperty("paperKey").GetString());
        Assert.Equal("id-Ada", row.GetProperty("userId").GetString());
        Assert.Equal("Ada", row.GetProperty("displayName").GetString());
        Assert.Equal("discord", row.GetProperty("platform").GetString());
        Assert.Equal(new DateTimeOffset(2025, 9, 1, 15, 0, 0, TimeSpan.Zero), row.GetProperty("signedUpAt").GetDateTimeOffset());
        Assert.Equal(2, row.GetProperty("waitlistPosition").GetInt32());
    }

    [Fact]
    public void The_text_export_has_a_line_per_sign_up()
    {
        var text = LeadRosterExport.Text(LeadRosterExport.Rows(Catalog, [LeadCourse.Lead("areal-arxiv25", "Ada"), LeadCourse.Lead("areal-arxiv25", "Alan", waitlist: 1)]));

        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Week 3", text);
        Assert.Contains("Thu Sep 11", text);
        Assert.Contains("Ada (discord id-Ada)  lead", text);
        Assert.Contains("Alan (discord id-Alan)  waitlist #1", text);
        Assert.Equal("No sign-ups.\n", LeadRosterExport.Text([]));
    }
}
