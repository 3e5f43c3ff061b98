using System.Globalization;
using AnalysisHub.Domain.Surveillance;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>
/// Raised alerts in their own SQLite file (so raising one never waits for a large ledger commit). Each change —
/// raised, withdrawn, raised again — takes the next change number (SQLite serialises writers, so the
/// max + 1 in the same statement is safe). The embedded hub's store; a cluster uses
/// <see cref="Postgres.PostgresAlertStore"/>.
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

    // Columns added after the first release: a database created before them gets them on open.
    private static readonly (string Name, string Type)[] AddedColumns =
        [("withdrawn_at", "TEXT"), ("reason", "TEXT"), ("change_number", "INTEGER")];

    // Alerts stored before change numbers existed keep their rowid as their number, so relaying resumes in order.
    private const string AfterColumnsAdded = """
        UPDATE alerts SET change_number = rowid WHERE change_number IS NULL;
        CREATE UNIQUE INDEX IF NOT EXISTS alerts_by_change ON alerts (change_number);
        CREATE INDEX IF NOT EXISTS alerts_by_period ON alerts (period) WHERE withdrawn_at IS NULL;
        """;

    private const string NextChange = "(SELECT coalesce(max(change_number), 0) + 1 FROM alerts)";

    private const string Columns =
        "footprint, feed, category, period, start_day, end_day, method, count, expected, threshold, raised_at, withdrawn_at, reason";

    private readonly string _connectionString;

    public SqliteAlertStore(string databasePath)
    {
        _connectionString = SqliteFiles.Prepare(databasePath, Schema);
        using var connection = Open();
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_table_info('alerts')";
            using var reader = command.ExecuteReader();
            while (reader.Read()) present.Add(reader.GetString(0));
        }
        foreach (var (name, type) in AddedColumns)
            if (!present.Contains(name)) Execute(connection, $"ALTER TABLE alerts ADD COLUMN {name} {type}");
        Execute(connection, AfterColumnsAdded);
    }

    public bool TryAdd(Alert alert)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // A withdrawn alert that alarms again is raised again: same key, the new figures and time, withdrawal cleared.
        command.CommandText = $"""
            INSERT INTO alerts (footprint, feed, category, period, method, start_day, end_day, count, expected, threshold, raised_at, change_number)
            VALUES ($footprint, $feed, $category, $period, $method, $start, $end, $count, $expected, $threshold, $raised, {NextChange})
            ON CONFLICT (footprint, feed, category, period, method) DO UPDATE SET
                count = excluded.count, expected = excluded.expected, threshold = excluded.threshold, raised_at = excluded.raised_at,
                withdrawn_at = NULL, reason = NULL, change_number = excluded.change_number
            WHERE alerts.withdrawn_at IS NOT NULL
            """;
        AddKey(command, alert);
        command.Parameters.AddWithValue("$start", alert.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$end", alert.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$count", alert.Count);
        command.Parameters.AddWithValue("$expected", alert.Expected);
        command.Parameters.AddWithValue("$threshold", alert.Threshold);
        command.Parameters.AddWithValue("$raised", Time(alert.RaisedAt));
        return Changed(connection, command);
    }

    public bool TryWithdraw(Alert alert, DateTimeOffset withdrawnAt, string reason)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE alerts SET withdrawn_at = $withdrawn, reason = $reason, change_number = {NextChange}
            WHERE footprint = $footprint AND feed = $feed AND category = $category AND period = $period AND method = $method
              AND withdrawn_at IS NULL
            """;
        AddKey(command, alert);
        command.Parameters.AddWithValue("$withdrawn", Time(withdrawnAt));
        command.Parameters.AddWithValue("$reason", reason);
        return Changed(connection, command);
    }

    public IReadOnlyList<Alert> List(string? footprint, DateTimeOffset? since, int limit = 1000, bool includeWithdrawn = false)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM alerts
            WHERE ($footprint IS NULL OR footprint = $footprint) AND ($since IS NULL OR raised_at >= $since)
              AND ($withdrawn OR withdrawn_at IS NULL)
            ORDER BY raised_at DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$footprint", (object?)footprint ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", since is { } s ? Time(s) : DBNull.Value);
        command.Parameters.AddWithValue("$withdrawn", includeWithdrawn);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadAll(command, numbered: false).Select(a => a.Alert).ToList();
    }

    public IReadOnlyList<Alert> Standing(IReadOnlyCollection<string> periods)
    {
        if (periods.Count == 0) return [];
        using var connection = Open();
        using var command = connection.CreateCommand();
        var names = periods.Select((p, i) => (Name: $"$p{i}", Period: p)).ToList();
        command.CommandText = $"SELECT {Columns} FROM alerts WHERE withdrawn_at IS NULL AND period IN ({string.Join(", ", names.Select(n => n.Name))})";
        foreach (var (name, period) in names) command.Parameters.AddWithValue(name, period);
        return ReadAll(command, numbered: false).Select(a => a.Alert).ToList();
    }

    public long LastNumber()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(change_number), 0) FROM alerts";
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<(long Number, Alert Alert)> After(long number, int limit = 1000)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, change_number FROM alerts WHERE change_number > $after ORDER BY change_number LIMIT $limit";
        command.Parameters.AddWithValue("$after", number);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadAll(command, numbered: true);
    }

    private static void AddKey(SqliteCommand command, Alert alert)
    {
        command.Parameters.AddWithValue("$footprint", alert.Footprint);
        command.Parameters.AddWithValue("$feed", alert.Feed);
        command.Parameters.AddWithValue("$category", alert.Category);
        command.Parameters.AddWithValue("$period", alert.Period);
        command.Parameters.AddWithValue("$method", alert.Method);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static bool Changed(SqliteConnection connection, SqliteCommand command)
    {
        var before = SQLitePCL.raw.sqlite3_total_changes(connection.Handle);
        command.ExecuteNonQuery();
        return SQLitePCL.raw.sqlite3_total_changes(connection.Handle) > before;
    }

    private static List<(long Number, Alert Alert)> ReadAll(SqliteCommand command, bool numbered)
    {
        using var reader = command.ExecuteReader();
        var alerts = new List<(long, Alert)>();
        while (reader.Read()) alerts.Add((numbered ? reader.GetInt64(13) : 0, Read(reader)));
        return alerts;
    }

    private static Alert Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            DateOnly.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
            DateOnly.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
            reader.GetString(6), reader.GetInt64(7), reader.GetDouble(8), reader.GetDouble(9),
            DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture),
            reader.IsDBNull(11) ? null : DateTimeOffset.Parse(reader.GetString(11), CultureInfo.InvariantCulture),
            reader.IsDBNull(12) ? null : reader.GetString(12));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous = FULL;");
        return connection;
    }
}
