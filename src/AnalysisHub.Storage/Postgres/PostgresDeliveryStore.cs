using AnalysisHub.Domain.Completeness;
using Npgsql;
using NpgsqlTypes;

namespace AnalysisHub.Storage.Postgres;

/// <summary>
/// Suppliers' declarations of their months in the cluster's PostgreSQL database (the table from
/// deploy/postgres/deliveries.sql), shared by every node; a write is durable when it returns.
/// </summary>
public sealed class PostgresDeliveryStore(NpgsqlDataSource dataSource) : IDeliveryStore
{
    public async Task<bool> PutAsync(DeliveryDeclaration declaration, CancellationToken cancellationToken = default)
    {
        // xmax is 0 on a row this statement inserted and set on one it updated.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO delivery_declarations (feed, authority, month, status, declared_at, key_id) VALUES (@feed, @authority, @month, @status, @at, @key)
            ON CONFLICT (feed, month, authority) DO UPDATE SET status = excluded.status, declared_at = excluded.declared_at, key_id = excluded.key_id
            RETURNING xmax = 0
            """);
        command.Parameters.AddWithValue("feed", declaration.Feed);
        command.Parameters.AddWithValue("authority", declaration.Authority);
        command.Parameters.AddWithValue("month", DeliveryColumns.Month(declaration.Month));
        command.Parameters.AddWithValue("status", declaration.Status.ToSlug());
        command.Parameters.AddWithValue("at", declaration.DeclaredAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = (object?)declaration.KeyId ?? DBNull.Value });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<DeliveryDeclaration>> ListAsync(string feed, int firstMonth, int lastMonth, CancellationToken cancellationToken = default)
    {
        // Ordered bytewise, as SQLite orders text, so both stores list alike whatever the database's collation.
        await using var command = dataSource.CreateCommand("""
            SELECT feed, authority, month, status, declared_at, key_id FROM delivery_declarations
            WHERE feed = @feed AND month >= @first AND month <= @last ORDER BY authority COLLATE "C", month COLLATE "C"
            """);
        command.Parameters.AddWithValue("feed", feed);
        command.Parameters.AddWithValue("first", DeliveryColumns.Month(firstMonth));
        command.Parameters.AddWithValue("last", DeliveryColumns.Month(lastMonth));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var declarations = new List<DeliveryDeclaration>();
        while (await reader.ReadAsync(cancellationToken))
            declarations.Add(new DeliveryDeclaration(reader.GetString(0), reader.GetString(1), DeliveryColumns.ReadMonth(reader.GetString(2)),
                DeliveryColumns.ReadStatus(reader.GetString(3)), reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        return declarations;
    }
}
