using AnalysisHub.Domain.Geography;
using Npgsql;

namespace AnalysisHub.Storage.Postgres;

/// <summary>
/// Defined footprints in the cluster's PostgreSQL database (deploy/postgres/footprints.sql), shared by every node;
/// each node's registry follows the table (the server's <c>DefinedFootprintSync</c>).
/// </summary>
public sealed class PostgresFootprintDefinitionStore(NpgsqlDataSource dataSource) : IFootprintDefinitionStore
{
    public async Task<IReadOnlyList<FootprintDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, name_cy, members, description, defined_at, defined_by FROM defined_footprints ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var definitions = new List<FootprintDefinition>();
        while (await reader.ReadAsync(cancellationToken))
            definitions.Add(new FootprintDefinition(reader.GetString(0), reader.GetString(1), Text(reader, 2),
                FootprintDefinitionColumns.Members(reader.GetString(3)), Text(reader, 4),
                reader.GetFieldValue<DateTimeOffset>(5), Text(reader, 6)));
        return definitions;
    }

    public async Task<bool> TryAddAsync(FootprintDefinition definition, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO defined_footprints (id, name, name_cy, members, description, defined_at, defined_by)
            VALUES (@id, @name, @nameCy, @members, @description, @at, @by) ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", definition.Id);
        command.Parameters.AddWithValue("name", definition.Name);
        command.Parameters.Add(new NpgsqlParameter<string?>("nameCy", definition.NameCy));
        command.Parameters.AddWithValue("members", FootprintDefinitionColumns.Members(definition.Members));
        command.Parameters.Add(new NpgsqlParameter<string?>("description", definition.Description));
        command.Parameters.AddWithValue("at", definition.DefinedAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter<string?>("by", definition.DefinedBy));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM defined_footprints WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
