using System.Globalization;
using AnalysisHub.Domain.Geography;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>
/// Defined footprints in their own SQLite file (<c>footprints.db</c>), every commit synced
/// (<see cref="SqliteFiles.OpenDurable"/>): the embedded hub's store; a cluster uses
/// <see cref="Postgres.PostgresFootprintDefinitionStore"/>. Synchronous driver, so the work runs on the thread pool.
/// </summary>
public sealed class SqliteFootprintDefinitionStore : IFootprintDefinitionStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS defined_footprints (
            id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, name_cy TEXT, members TEXT NOT NULL, description TEXT,
            defined_at TEXT NOT NULL, defined_by TEXT
        );
        """;

    private readonly string _connectionString;

    public SqliteFootprintDefinitionStore(string databasePath)
    {
        _connectionString = SqliteFiles.Prepare(databasePath, Schema);
    }

    public Task<IReadOnlyList<FootprintDefinition>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<FootprintDefinition>>(() =>
        {
            using var connection = SqliteFiles.OpenDurable(_connectionString);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, name, name_cy, members, description, defined_at, defined_by FROM defined_footprints ORDER BY rowid";
            using var reader = command.ExecuteReader();
            var definitions = new List<FootprintDefinition>();
            while (reader.Read())
                definitions.Add(new FootprintDefinition(reader.GetString(0), reader.GetString(1), Text(reader, 2),
                    FootprintDefinitionColumns.Members(reader.GetString(3)), Text(reader, 4),
                    DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture), Text(reader, 6)));
            return definitions;
        }, cancellationToken);

    public Task<bool> TryAddAsync(FootprintDefinition definition, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        using var connection = SqliteFiles.OpenDurable(_connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO defined_footprints (id, name, name_cy, members, description, defined_at, defined_by)
            VALUES ($id, $name, $nameCy, $members, $description, $at, $by) ON CONFLICT (id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", definition.Id);
        command.Parameters.AddWithValue("$name", definition.Name);
        command.Parameters.AddWithValue("$nameCy", (object?)definition.NameCy ?? DBNull.Value);
        command.Parameters.AddWithValue("$members", FootprintDefinitionColumns.Members(definition.Members));
        command.Parameters.AddWithValue("$description", (object?)definition.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", definition.DefinedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$by", (object?)definition.DefinedBy ?? DBNull.Value);
        return command.ExecuteNonQuery() == 1;
    }, cancellationToken);

    public Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        using var connection = SqliteFiles.OpenDurable(_connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM defined_footprints WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }, cancellationToken);

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
