namespace AnalysisHub.Storage.Tests;

/// <summary>Every test class that needs PostgreSQL shares one server (classes in a collection run one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
