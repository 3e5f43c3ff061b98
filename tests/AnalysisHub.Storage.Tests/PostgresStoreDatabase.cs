using AnalysisHub.Storage.Postgres;
using Npgsql;

namespace AnalysisHub.Storage.Tests;

/// <summary>
/// A database of its own with the hub's schema for one store test, and the pools opened on it: each
/// <see cref="NewDataSource"/> is a new pool, so nothing is read back from connections the writes used.
/// </summary>
public sealed class PostgresStoreDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public PostgresStoreDatabase(PostgresServer server)
    {
        _connectionString = server.CreateDatabase();
        PostgresSchema.Apply(_connectionString);
    }

    public NpgsqlDataSource NewDataSource()
    {
        var dataSource = NpgsqlDataSource.Create(_connectionString);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    public void Dispose()
    {
        foreach (var dataSource in _dataSources) dataSource.Dispose();
    }
}
