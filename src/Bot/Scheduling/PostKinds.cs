namespace CourseBot.Bot.Scheduling;

/// <summary>The kinds of scheduled post.</summary>
public static class PostKinds
{
    public const string Announcement = "announcement";
    public const string Reminder = "reminder";
    public const string Holiday = "holiday";

    public static IReadOnlyList<string> All { get; } = [Announcement, Reminder, Holiday];

    public static bool IsKnown(string kind) => kind is Announcement or Reminder or Holiday;
}
