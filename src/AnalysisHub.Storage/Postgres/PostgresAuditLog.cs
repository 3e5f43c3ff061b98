using System.Data.Common;
using AnalysisHub.Domain.Access;
using AnalysisHub.Storage.Access;
using Npgsql;
using NpgsqlTypes;

namespace AnalysisHub.Storage.Postgres;

/// <summary>A cluster's audit trail in its PostgreSQL database: each node appends its batches, every node lists them all.</summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0) return;
        // One statement for the batch: unnest of parallel arrays, in the order given.
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO audit ({AuditColumns.Names})
            SELECT * FROM unnest(@at, @key, @owner, @action, @method, @path, @status, @feed, @rows, @counts, @sha)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", entries.Select(e => e.At.ToUniversalTime()).ToArray()));
        AddText(command, "key", entries.Select(e => e.KeyId));
        AddText(command, "owner", entries.Select(e => e.Owner));
        AddText(command, "action", entries.Select(e => (string?)e.Action));
        AddText(command, "method", entries.Select(e => (string?)e.Method));
        AddText(command, "path", entries.Select(e => (string?)e.Path));
        command.Parameters.Add(new NpgsqlParameter<int[]>("status", entries.Select(e => e.Status).ToArray()));
        AddText(command, "feed", entries.Select(e => e.Feed));
        command.Parameters.Add(new NpgsqlParameter<int?[]>("rows", entries.Select(e => e.Rows).ToArray())
            { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        AddText(command, "counts", entries.Select(e => AuditColumns.Counts(e.Counts)));
        AddText(command, "sha", entries.Select(e => e.BodySha256));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {AuditColumns.Select} FROM audit
            WHERE (@since::timestamptz IS NULL OR at >= @since) AND (@key::text IS NULL OR key_id = @key)
              AND (@before::bigint IS NULL OR number < @before)
            ORDER BY number DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("since", query.Since?.ToUniversalTime()) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string?>("key", query.KeyId) { NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long?>("before", query.Before) { NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long, AuditEntry)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(AuditColumns.Read(reader, ReadTime));
        return AuditColumns.Page(rows, query.Limit);
    }

    private static void AddText(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]>(name, values.ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
