using AnalysisHub.Domain.Surveillance;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>
/// Raised alerts in their own SQLite file (so raising one never waits for a large ledger commit); numbered by
/// SQLite's rowid. The embedded hub's store; a cluster uses <see cref="Postgres.PostgresAlertStore"/>.
/// </summary>
public sealed class SqliteAlertStore : IAlertStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS alerts (
            footprint TEXT NOT NULL, feed TEXT NOT NULL, category TEXT NOT NULL, period TEXT NOT NULL, method TEXT NOT NULL,
            start_day TEXT NOT NULL, end_day TEXT NOT NULL, count INTEGER NOT NULL, expected REAL NOT NULL, threshold REAL NOT NULL,
            raised_at TEXT NOT NULL,
            PRIMARY KEY (footprint, feed, category, period, method)
        );
        CREATE INDEX IF NOT EXISTS alerts_by_time ON alerts (raised_at);
        """;

    private readonly string _connectionString;

    public SqliteAlertStore(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public bool TryAdd(Alert alert)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alerts VALUES ($footprint, $feed, $category, $period, $method, $start, $end, $count, $expected, $threshold, $raised)
            ON CONFLICT DO NOTHING
            """;
        command.Parameters.AddWithValue("$footprint", alert.Footprint);
        command.Parameters.AddWithValue("$feed", alert.Feed);
        command.Parameters.AddWithValue("$category", alert.Category);
        command.Parameters.AddWithValue("$period", alert.Period);
        command.Parameters.AddWithValue("$method", alert.Method);
        command.Parameters.AddWithValue("$start", alert.Start.ToString("yyyy-MM-dd"));
        command.Parameters.AddWithValue("$end", alert.End.ToString("yyyy-MM-dd"));
        command.Parameters.AddWithValue("$count", alert.Count);
        command.Parameters.AddWithValue("$expected", alert.Expected);
        command.Parameters.AddWithValue("$threshold", alert.Threshold);
        command.Parameters.AddWithValue("$raised", alert.RaisedAt.UtcDateTime.ToString("O"));
        var before = SQLitePCL.raw.sqlite3_total_changes(connection.Handle);
        command.ExecuteNonQuery();
        return SQLitePCL.raw.sqlite3_total_changes(connection.Handle) > before;
    }

    public IReadOnlyList<Alert> List(string? footprint, DateTimeOffset? since, int limit = 1000)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT footprint, feed, category, period, start_day, end_day, method, count, expected, threshold, raised_at FROM alerts
            WHERE ($footprint IS NULL OR footprint = $footprint) AND ($since IS NULL OR raised_at >= $since)
            ORDER BY raised_at DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$footprint", (object?)footprint ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", (object?)since?.UtcDateTime.ToString("O") ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var alerts = new List<Alert>();
        while (reader.Read()) alerts.Add(Read(reader));
        return alerts;
    }

    public long LastNumber()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(rowid), 0) FROM alerts";
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<(long Number, Alert Alert)> After(long number, int limit = 1000)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT footprint, feed, category, period, start_day, end_day, method, count, expected, threshold, raised_at, rowid
            FROM alerts WHERE rowid > $after ORDER BY rowid LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", number);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var alerts = new List<(long, Alert)>();
        while (reader.Read()) alerts.Add((reader.GetInt64(11), Read(reader)));
        return alerts;
    }

    private static Alert Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            DateOnly.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture),
            reader.GetString(6), reader.GetInt64(7), reader.GetDouble(8), reader.GetDouble(9),
            DateTimeOffset.Parse(reader.GetString(10), System.Globalization.CultureInfo.InvariantCulture));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL;";
        command.ExecuteNonQuery();
        return connection;
    }
}
