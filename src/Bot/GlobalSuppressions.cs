using System.Diagnostics.CodeAnalysis;

// Analyzer findings left in place on purpose, one line each with the reason.

[assembly: SuppressMessage("Naming", "CA1720:Identifier contains type name", Scope = "member", Target = "~M:CourseBot.Bot.Slack.SlackFields.Object(System.Text.Json.Nodes.JsonObject,System.String)~System.Text.Json.Nodes.JsonObject", Justification = "The payload reader's methods are named after the JSON kinds they read (String, Object).")]
[assembly: SuppressMessage("Globalization", "CA1862:Use the 'StringComparison' method overloads to perform case-insensitive string comparisons", Scope = "member", Target = "~M:CourseBot.Bot.Discord.Commands.DiscordCommands.NameProblems(System.String)~System.Collections.Generic.IEnumerable{System.String}", Justification = "Checks that a name is already lowercase; it compares nothing case-insensitively.")]
[assembly: SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Scope = "type", Target = "~T:CourseBot.Bot.Discord.Gateway.IdentifyGate", Justification = "Its SemaphoreSlim never creates a wait handle, so there is nothing to release.")]
