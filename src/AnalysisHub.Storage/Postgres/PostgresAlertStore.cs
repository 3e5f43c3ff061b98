using AnalysisHub.Domain.Surveillance;
using Npgsql;

namespace AnalysisHub.Storage.Postgres;

/// <summary>
/// Raised alerts in the cluster's PostgreSQL database (table from deploy/postgres/alerts.sql), shared by every
/// node: the primary key keeps "raised once" true when several nodes evaluate the same week, and the
/// conditions on <c>withdrawn_at</c> keep a withdrawal (or a raise again) recorded once when several nodes
/// decide it. Each change draws a new change number from <c>alert_changes</c> for the nodes' relays.
/// </summary>
public sealed class PostgresAlertStore(NpgsqlDataSource dataSource) : IAlertStore
{
    private const string Columns =
        "footprint, feed, category, period, start_day, end_day, method, count, expected, threshold, raised_at, withdrawn_at, reason";

    private const string Key =
        "footprint = @footprint AND feed = @feed AND category = @category AND period = @period AND method = @method";

    public bool TryAdd(Alert alert)
    {
        // A withdrawn alert that alarms again is raised again: same key, the new figures and time, withdrawal cleared.
        using var command = dataSource.CreateCommand("""
            INSERT INTO alerts (footprint, feed, category, period, start_day, end_day, method, count, expected, threshold, raised_at)
            VALUES (@footprint, @feed, @category, @period, @start, @end, @method, @count, @expected, @threshold, @raised)
            ON CONFLICT (footprint, feed, category, period, method) DO UPDATE SET
                count = excluded.count, expected = excluded.expected, threshold = excluded.threshold, raised_at = excluded.raised_at,
                withdrawn_at = NULL, reason = NULL, change_number = nextval('alert_changes')
            WHERE alerts.withdrawn_at IS NOT NULL
            """);
        AddKey(command, alert);
        command.Parameters.AddWithValue("start", alert.Start);
        command.Parameters.AddWithValue("end", alert.End);
        command.Parameters.AddWithValue("count", alert.Count);
        command.Parameters.AddWithValue("expected", alert.Expected);
        command.Parameters.AddWithValue("threshold", alert.Threshold);
        command.Parameters.AddWithValue("raised", alert.RaisedAt.ToUniversalTime());
        return command.ExecuteNonQuery() == 1;
    }

    public bool TryWithdraw(Alert alert, DateTimeOffset withdrawnAt, string reason)
    {
        using var command = dataSource.CreateCommand($"""
            UPDATE alerts SET withdrawn_at = @withdrawn, reason = @reason, change_number = nextval('alert_changes')
            WHERE {Key} AND withdrawn_at IS NULL
            """);
        AddKey(command, alert);
        command.Parameters.AddWithValue("withdrawn", withdrawnAt.ToUniversalTime());
        command.Parameters.AddWithValue("reason", reason);
        return command.ExecuteNonQuery() == 1;
    }

    public IReadOnlyList<Alert> List(string? footprint, DateTimeOffset? since, int limit = 1000, bool includeWithdrawn = false)
    {
        using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM alerts
            WHERE (@footprint::text IS NULL OR footprint = @footprint) AND (@since::timestamptz IS NULL OR raised_at >= @since)
              AND (@withdrawn OR withdrawn_at IS NULL)
            ORDER BY raised_at DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<string?>("footprint", footprint));
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)since?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.AddWithValue("withdrawn", includeWithdrawn);
        command.Parameters.AddWithValue("limit", limit);
        return ReadAll(command, numbered: false).Select(a => a.Alert).ToList();
    }

    public IReadOnlyList<Alert> Standing(IReadOnlyCollection<string> periods)
    {
        if (periods.Count == 0) return [];
        using var command = dataSource.CreateCommand($"SELECT {Columns} FROM alerts WHERE withdrawn_at IS NULL AND period = ANY(@periods)");
        command.Parameters.AddWithValue("periods", periods.ToArray());
        return ReadAll(command, numbered: false).Select(a => a.Alert).ToList();
    }

    public long LastNumber()
    {
        using var command = dataSource.CreateCommand("SELECT coalesce(max(change_number), 0) FROM alerts");
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<(long Number, Alert Alert)> After(long number, int limit = 1000)
    {
        using var command = dataSource.CreateCommand(
            $"SELECT {Columns}, change_number FROM alerts WHERE change_number > @after ORDER BY change_number LIMIT @limit");
        command.Parameters.AddWithValue("after", number);
        command.Parameters.AddWithValue("limit", limit);
        return ReadAll(command, numbered: true);
    }

    private static void AddKey(NpgsqlCommand command, Alert alert)
    {
        command.Parameters.AddWithValue("footprint", alert.Footprint);
        command.Parameters.AddWithValue("feed", alert.Feed);
        command.Parameters.AddWithValue("category", alert.Category);
        command.Parameters.AddWithValue("period", alert.Period);
        command.Parameters.AddWithValue("method", alert.Method);
    }

    private static List<(long Number, Alert Alert)> ReadAll(NpgsqlCommand command, bool numbered)
    {
        using var reader = command.ExecuteReader();
        var alerts = new List<(long, Alert)>();
        while (reader.Read()) alerts.Add((numbered ? reader.GetInt64(13) : 0, Read(reader)));
        return alerts;
    }

    private static Alert Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetString(6),
            reader.GetInt64(7), reader.GetDouble(8), reader.GetDouble(9),
            new DateTimeOffset(reader.GetFieldValue<DateTime>(10), TimeSpan.Zero),
            reader.IsDBNull(11) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(11), TimeSpan.Zero),
            reader.IsDBNull(12) ? null : reader.GetString(12));
}
