using System.Data.Common;
using System.Globalization;
using AnalysisHub.Domain.Access;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage.Access;

/// <summary>
/// The embedded hub's keys, in the ledger's SQLite file (so a backup of the ledger carries them). Every change
/// takes the next <c>change_number</c> (SQLite serialises writers, so max + 1 in the statement is safe).
/// </summary>
public sealed class SqliteAccessKeyStore : IAccessKeyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS api_keys (
            id            TEXT    PRIMARY KEY,
            secret_sha256 TEXT    NOT NULL UNIQUE,
            owner         TEXT    NOT NULL,
            scopes        TEXT    NOT NULL,
            footprints    TEXT    NULL,
            created_at    TEXT    NOT NULL,
            expires_at    TEXT    NULL,
            revoked_at    TEXT    NULL,
            change_number INTEGER NOT NULL
        );
        """;

    private const string NextChange = "(SELECT coalesce(max(change_number), 0) + 1 FROM api_keys)";

    private const string Insert = $"""
        INSERT INTO api_keys (id, secret_sha256, owner, scopes, footprints, created_at, expires_at, revoked_at, change_number)
        VALUES ($id, $hash, $owner, $scopes, $footprints, $created, $expires, NULL, {NextChange})
        """;

    private readonly string _connectionString;

    public SqliteAccessKeyStore(string databasePath)
    {
        _connectionString = SqliteFiles.Prepare(databasePath, Schema);
    }

    public async Task<IReadOnlyList<(AccessKey Key, string SecretHash)>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {KeyColumns.Select} FROM api_keys ORDER BY created_at, id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<(AccessKey, string)>();
        while (await reader.ReadAsync(cancellationToken)) keys.Add(KeyColumns.Read(reader, ReadTime));
        return keys;
    }

    public async Task<long> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(change_number), 0) FROM api_keys";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task AddAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = Insert;
        Bind(command, key, secretHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PutAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // Unchanged, it is left alone: every start sets the bootstrap key again, and only a new value is a change.
        command.CommandText = Insert + """

             ON CONFLICT (id) DO UPDATE SET secret_sha256 = excluded.secret_sha256, owner = excluded.owner,
                scopes = excluded.scopes, footprints = excluded.footprints, created_at = excluded.created_at,
                expires_at = excluded.expires_at, revoked_at = NULL, change_number = excluded.change_number
             WHERE api_keys.secret_sha256 <> excluded.secret_sha256 OR api_keys.revoked_at IS NOT NULL
                OR api_keys.scopes <> excluded.scopes
            """;
        Bind(command, key, secretHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> AddFirstAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO api_keys (id, secret_sha256, owner, scopes, footprints, created_at, expires_at, revoked_at, change_number)
            SELECT $id, $hash, $owner, $scopes, $footprints, $created, $expires, NULL, 1
            WHERE NOT EXISTS (SELECT 1 FROM api_keys)
            """;
        Bind(command, key, secretHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE api_keys SET revoked_at = $at, change_number = {NextChange} WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", Time(at));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Bind(SqliteCommand command, AccessKey key, string secretHash)
    {
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$hash", secretHash);
        command.Parameters.AddWithValue("$owner", key.Owner);
        command.Parameters.AddWithValue("$scopes", KeyColumns.Join(key.Scopes));
        command.Parameters.AddWithValue("$footprints", (object?)KeyColumns.JoinOrNull(key.Footprints) ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", Time(key.CreatedAt));
        command.Parameters.AddWithValue("$expires", key.ExpiresAt is { } e ? Time(e) : DBNull.Value);
    }

    private static string Time(DateTimeOffset at) => SqliteFiles.Time(at);

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => SqliteFiles.ReadTime(reader, ordinal);

    private SqliteConnection Open() => SqliteFiles.OpenDurable(_connectionString);
}
