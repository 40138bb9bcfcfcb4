namespace CourseBot.Core.Leads;

/// <summary>A student as a platform names them: ("discord", "80351110224678912", "Ada").</summary>
/// <param name="Platform">"discord", "slack" or "console" (the CLI and the local console).</param>
/// <param name="UserId">The platform's user id; with <paramref name="Platform"/>, who the student is.</param>
/// <param name="DisplayName">The name shown on the roster (as it was when they signed up).</param>
public sealed record LeadStudent(string Platform, string UserId, string DisplayName);
