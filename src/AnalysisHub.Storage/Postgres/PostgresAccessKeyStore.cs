using System.Data.Common;
using AnalysisHub.Domain.Access;
using AnalysisHub.Storage.Access;
using Npgsql;

namespace AnalysisHub.Storage.Postgres;

/// <summary>A cluster's keys, in its PostgreSQL database (table from deploy/postgres/access.sql), shared by every node.</summary>
public sealed class PostgresAccessKeyStore(NpgsqlDataSource dataSource) : IAccessKeyStore
{
    private const string Insert = """
        INSERT INTO api_keys (id, secret_sha256, owner, scopes, footprints, created_at, expires_at)
        VALUES (@id, @hash, @owner, @scopes, @footprints, @created, @expires)
        """;

    public async Task<IReadOnlyList<(AccessKey Key, string SecretHash)>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {KeyColumns.Select} FROM api_keys ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<(AccessKey, string)>();
        while (await reader.ReadAsync(cancellationToken)) keys.Add(KeyColumns.Read(reader, ReadTime));
        return keys;
    }

    public async Task<long> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(change_number), 0) FROM api_keys");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task AddAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Insert);
        Bind(command, key, secretHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PutAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default)
    {
        // Unchanged, it is left alone: every node sets the bootstrap key at every start, and only a new value is a change.
        await using var command = dataSource.CreateCommand(Insert + """

             ON CONFLICT (id) DO UPDATE SET secret_sha256 = excluded.secret_sha256, owner = excluded.owner,
                scopes = excluded.scopes, footprints = excluded.footprints, created_at = excluded.created_at,
                expires_at = excluded.expires_at, revoked_at = NULL, change_number = nextval('key_changes')
             WHERE api_keys.secret_sha256 <> excluded.secret_sha256 OR api_keys.revoked_at IS NOT NULL
                OR api_keys.scopes <> excluded.scopes
            """);
        Bind(command, key, secretHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> AddFirstAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default)
    {
        // Under a transaction-scoped advisory lock, so two nodes starting at once cannot both add a first key.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(4935823)", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO api_keys (id, secret_sha256, owner, scopes, footprints, created_at, expires_at)
            SELECT @id, @hash, @owner, @scopes, @footprints, @created, @expires
            WHERE NOT EXISTS (SELECT 1 FROM api_keys)
            """, connection, tx);
        Bind(command, key, secretHash);
        var added = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        await tx.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE api_keys SET revoked_at = @at, change_number = nextval('key_changes') WHERE id = @id AND revoked_at IS NULL");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Bind(NpgsqlCommand command, AccessKey key, string secretHash)
    {
        command.Parameters.AddWithValue("id", key.Id);
        command.Parameters.AddWithValue("hash", secretHash);
        command.Parameters.AddWithValue("owner", key.Owner);
        command.Parameters.AddWithValue("scopes", KeyColumns.Join(key.Scopes));
        command.Parameters.Add(new NpgsqlParameter<string?>("footprints", KeyColumns.JoinOrNull(key.Footprints)) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue("created", key.CreatedAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("expires", key.ExpiresAt?.ToUniversalTime()) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
    }

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
