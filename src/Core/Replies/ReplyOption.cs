namespace CourseBot.Core.Replies;

/// <summary>One choice of a <see cref="ReplyAction.Select"/>.</summary>
/// <param name="Label">What the menu shows ("HybridFlow").</param>
/// <param name="Description">A second, smaller line ("Tue Sep 9 · 1 of 2 slots free"), or null.</param>
/// <param name="Command">The command text choosing it runs ("/lead hybridflow-eurosys25").</param>
public sealed record ReplyOption(string Label, string? Description, string Command);
