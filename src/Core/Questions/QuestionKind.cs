namespace CourseBot.Core.Questions;

/// <summary>What a plain question was read as asking.</summary>
public enum QuestionKind
{
    /// <summary>A command written without its "/" ("week 3", "paper distserve"); <see cref="QuestionReading.Command"/> holds it.</summary>
    Command,

    /// <summary>A week's papers: all, required only, or optional only.</summary>
    WeekPapers,

    /// <summary>What a week covers.</summary>
    WeekTopic,

    /// <summary>The next reading-response deadline.</summary>
    NextDeadline,

    /// <summary>The reading-response deadlines of one week.</summary>
    WeekDeadlines,

    /// <summary>Whether a reading response is due on one day.</summary>
    DayDeadlines,

    /// <summary>When a paper is read.</summary>
    PaperWhen,

    /// <summary>Whether a paper is required, with its focus label.</summary>
    PaperRequired,

    PaperAuthors,

    PaperVenue,

    PaperLink,

    PaperTopic,

    /// <summary>A paper in full (its name alone, "tell me about …").</summary>
    PaperDetails,

    /// <summary>A question about a paper that is not on the reading list.</summary>
    PaperNotFound,

    /// <summary>Whether there is class on one day.</summary>
    ClassOnDay,

    /// <summary>When class meets, and the next meeting.</summary>
    ClassTimes,

    Holidays,

    Schedule,

    /// <summary>Discussion leads: not part of the bot yet, and the answer says so.</summary>
    Leads,

    Help,

    /// <summary>Two or more readings are possible: the answer lists them and asks which.</summary>
    AskBack,

    /// <summary>Not a question about the course (or not one the bot can read).</summary>
    NotUnderstood,
}
