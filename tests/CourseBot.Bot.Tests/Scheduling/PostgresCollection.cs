namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>Test classes in this collection share one PostgreSQL server, each with its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
