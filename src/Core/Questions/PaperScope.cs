namespace CourseBot.Core.Questions;

/// <summary>Which of a week's papers a question asks for.</summary>
public enum PaperScope
{
    All,
    Required,
    Optional,
}
