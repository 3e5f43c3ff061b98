using AnalysisHub.Domain.Surveillance;
using Npgsql;

namespace AnalysisHub.Storage.Postgres;

/// <summary>
/// Raised alerts in the cluster's PostgreSQL database (table from deploy/postgres/alerts.sql), shared by every
/// node: the primary key keeps "raised once" true when several nodes evaluate the same week.
/// </summary>
public sealed class PostgresAlertStore(NpgsqlDataSource dataSource) : IAlertStore
{
    private const string Columns = "footprint, feed, category, period, start_day, end_day, method, count, expected, threshold, raised_at";

    public bool TryAdd(Alert alert)
    {
        using var command = dataSource.CreateCommand($"""
            INSERT INTO alerts ({Columns})
            VALUES (@footprint, @feed, @category, @period, @start, @end, @method, @count, @expected, @threshold, @raised)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue("footprint", alert.Footprint);
        command.Parameters.AddWithValue("feed", alert.Feed);
        command.Parameters.AddWithValue("category", alert.Category);
        command.Parameters.AddWithValue("period", alert.Period);
        command.Parameters.AddWithValue("start", alert.Start);
        command.Parameters.AddWithValue("end", alert.End);
        command.Parameters.AddWithValue("method", alert.Method);
        command.Parameters.AddWithValue("count", alert.Count);
        command.Parameters.AddWithValue("expected", alert.Expected);
        command.Parameters.AddWithValue("threshold", alert.Threshold);
        command.Parameters.AddWithValue("raised", alert.RaisedAt.ToUniversalTime());
        return command.ExecuteNonQuery() == 1;
    }

    public IReadOnlyList<Alert> List(string? footprint, DateTimeOffset? since, int limit = 1000)
    {
        using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM alerts
            WHERE (@footprint::text IS NULL OR footprint = @footprint) AND (@since::timestamptz IS NULL OR raised_at >= @since)
            ORDER BY raised_at DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<string?>("footprint", footprint));
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)since?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var alerts = new List<Alert>();
        while (reader.Read()) alerts.Add(Read(reader));
        return alerts;
    }

    public long LastNumber()
    {
        using var command = dataSource.CreateCommand("SELECT coalesce(max(number), 0) FROM alerts");
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<(long Number, Alert Alert)> After(long number, int limit = 1000)
    {
        using var command = dataSource.CreateCommand($"SELECT {Columns}, number FROM alerts WHERE number > @after ORDER BY number LIMIT @limit");
        command.Parameters.AddWithValue("after", number);
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var alerts = new List<(long, Alert)>();
        while (reader.Read()) alerts.Add((reader.GetInt64(11), Read(reader)));
        return alerts;
    }

    private static Alert Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetString(6),
            reader.GetInt64(7), reader.GetDouble(8), reader.GetDouble(9),
            new DateTimeOffset(reader.GetFieldValue<DateTime>(10), TimeSpan.Zero));
}
