namespace CourseBot.Bot.Tests.Testing;

/// <summary>
/// Trait values for the slow tests, so that a developer can run the fast set alone:
/// <c>dotnet test --filter "Category!=Process&amp;Category!=Postgres"</c>. CI runs everything.
/// </summary>
public static class TestCategory
{
    public const string Name = "Category";

    /// <summary>Starts the built <c>coursebot</c> (or <c>dotnet run</c>) as a separate process.</summary>
    public const string Process = "Process";

    /// <summary>Needs a PostgreSQL server (started from the local binaries or given by the environment).</summary>
    public const string Postgres = "Postgres";
}
