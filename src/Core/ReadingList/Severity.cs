namespace CourseBot.Core.ReadingList;

public enum Severity
{
    Warning,
    Error,
}
