using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Calendar;

/// <summary>What students see changed between two served versions of a course, in the words.</summary>
public sealed class CourseChangesTests
{
    private const string Papers = """
        flash:
          title: "FlashAttention"
          url: "https://example.org/flash"
        moe-lightning:
          title: "MoE-Lightning"
          url: "https://example.org/moe-lightning"
        pregated:
          title: "Pre-gated MoE"
          url: "https://example.org/pregated"
        orca:
          title: "Orca"
          url: "https://example.org/orca"
        """;

    [Fact]
    public void A_paper_made_required_a_paper_added_and_a_class_moved_read_as_one_line_for_the_week()
    {
        var before = Course("""
            #### Attention
            {% include paper_item.html key="flash" required=true %}
            #### Serving MoE
            {% include paper_item.html key="moe-lightning" %}
            """);
        var after = Course(
            """
            #### Attention
            {% include paper_item.html key="flash" required=true %}
            #### Serving MoE
            {% include paper_item.html key="moe-lightning" required="Serving" %}
            {% include paper_item.html key="pregated" %}
            """,
            DayOfWeek.Friday);

        var changes = CourseChanges.Between(before, after);

        Assert.Equal(
            "Week 1: Thu Sep 25 class moved to Fri Sep 26\n"
            + "Week 2: *MoE-Lightning* is now required (focus: Serving) · *Pre-gated MoE* added · Thu Oct 2 class moved to Fri Oct 3",
            changes.ToString());
    }

    [Fact]
    public void Papers_removed_moved_between_weeks_made_optional_and_relabelled_are_each_named()
    {
        var before = Course("""
            #### Attention
            {% include paper_item.html key="flash" required="Kernels" %}
            {% include paper_item.html key="orca" %}
            #### Serving MoE
            {% include paper_item.html key="moe-lightning" required=true %}
            {% include paper_item.html key="pregated" required="Serving" %}
            """);
        var after = Course("""
            #### Attention
            {% include paper_item.html key="flash" required="Fused kernels" %}
            #### Serving MoE
            {% include paper_item.html key="orca" %}
            {% include paper_item.html key="moe-lightning" %}
            """);

        var changes = CourseChanges.Between(before, after);

        Assert.Equal(
            "Week 1: *FlashAttention* focus is now Fused kernels\n"
            + "Week 2: *Orca* moved here from Week 1 · *MoE-Lightning* is now optional · *Pre-gated MoE* removed",
            changes.ToString());
    }

    [Fact]
    public void A_paper_moved_to_the_other_class_of_its_week_names_that_class()
    {
        var list = """
            #### Attention
            {% include paper_item.html key="flash" required=true %}
            {% include paper_item.html key="orca" %}
            """;
        var before = Course(list, meetings: [DayOfWeek.Tuesday, DayOfWeek.Thursday]);
        var after = Course(
            """
            #### Attention
            {% include paper_item.html key="orca" %}
            {% include paper_item.html key="flash" required=true %}
            """,
            meetings: [DayOfWeek.Tuesday, DayOfWeek.Thursday]);

        var changes = CourseChanges.Between(before, after);

        Assert.Equal("Week 1: *Orca* moved to the Tue Sep 23 class · *FlashAttention* moved to the Thu Sep 25 class", changes.ToString());
    }

    [Fact]
    public void A_comment_in_the_page_and_a_reordered_papers_file_change_nothing_students_are_told_about()
    {
        var list = """
            #### Attention
            {% include paper_item.html key="flash" required=true %}
            #### Serving MoE
            {% include paper_item.html key="moe-lightning" %}
            """;
        var before = Course(list);
        var reordered = string.Join('\n', Papers.Split('\n').Skip(3)) + "\n" + string.Join('\n', Papers.Split('\n').Take(3));
        var after = CourseSnapshot.Create(
            before.Course,
            ReadingListLoader.FromText("## Part 1 - Systems\n<!-- moe papers next week -->\n" + list, "reading_list.md", reordered, "papers.yaml"));

        var changes = CourseChanges.Between(before, after);

        Assert.True(changes.IsEmpty, changes.ToString());
        Assert.Equal("FlashAttention", after.ReadingList.Readings[0].Title);
    }

    [Fact]
    public void The_notice_reply_shows_each_week_with_titles_in_bold()
    {
        var before = Course("#### Attention\n{% include paper_item.html key=\"flash\" %}\n");
        var after = Course("#### Attention\n{% include paper_item.html key=\"flash\" required=\"Kernels\" %}\n");

        var notice = CourseChanges.Between(before, after).ToNotice(after);

        Assert.Equal("✏️ What changed · CS 395T", notice.Title);
        Assert.Equal("Week 1: FlashAttention is now required (focus: Kernels)", PlainTextRenderer.Line(((ReplyBlock.Paragraph)Assert.Single(notice.Blocks)).Spans, after.TimeZone));
    }

    private static CourseSnapshot Course(string topics, DayOfWeek classDay = DayOfWeek.Thursday, DayOfWeek[]? meetings = null)
    {
        var list = ReadingListLoader.FromText("## Part 1 - Systems\n" + topics, "reading_list.md", Papers, "papers.yaml");
        Assert.DoesNotContain(list.Diagnostics, d => d.Severity == Severity.Error);
        var definition = SampleCourse.Definition(d => d with
        {
            Name = "CS 395T",
            FirstMonday = new DateOnly(2025, 9, 22),
            LastDay = new DateOnly(2025, 10, 3),
            Holidays = [],
            Meetings = (meetings ?? [classDay]).Select(day => new MeetingPattern(day, new TimeOnly(12, 30), new TimeOnly(14, 0))).ToArray(),
        });
        return CourseSnapshot.Create(definition, list);
    }
}
