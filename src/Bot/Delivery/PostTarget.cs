namespace CourseBot.Bot.Delivery;

/// <summary>A channel a course posts to on one platform.</summary>
public sealed record PostTarget(string Platform, string Channel);
