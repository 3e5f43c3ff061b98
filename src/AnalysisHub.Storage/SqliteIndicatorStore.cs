using System.Globalization;
using AnalysisHub.Domain.Indicators;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>
/// Indicator targets and published figures in their own SQLite file (<c>indicators.db</c>), every commit synced
/// (<see cref="SqliteFiles.OpenDurable"/>). The embedded hub's store; a cluster uses
/// <see cref="Postgres.PostgresIndicatorStore"/>. Microsoft.Data.Sqlite is synchronous, so the work runs on the
/// thread pool and the caller awaits it.
/// </summary>
public sealed class SqliteIndicatorStore : IIndicatorStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS indicator_targets (
            indicator TEXT NOT NULL, footprint TEXT NOT NULL,
            baseline_from TEXT NOT NULL, baseline_to TEXT NOT NULL, baseline_percent REAL NOT NULL,
            milestones TEXT NOT NULL,
            PRIMARY KEY (indicator, footprint)
        );
        CREATE TABLE IF NOT EXISTS published_figures (
            indicator TEXT NOT NULL, footprint TEXT NOT NULL, from_day TEXT NOT NULL, to_day TEXT NOT NULL, source TEXT NOT NULL,
            percent REAL NOT NULL, unweighted_base INTEGER NOT NULL, note TEXT,
            PRIMARY KEY (indicator, footprint, from_day, to_day, source)
        );
        """;

    private const string TargetColumns = "indicator, footprint, baseline_from, baseline_to, baseline_percent, milestones";
    private const string FigureColumns = "indicator, footprint, from_day, to_day, percent, unweighted_base, source, note";

    private readonly string _connectionString;

    public SqliteIndicatorStore(string databasePath)
    {
        _connectionString = SqliteFiles.Prepare(databasePath, Schema);
    }

    public Task PutTargetAsync(IndicatorTarget target, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        using var connection = SqliteFiles.OpenDurable(_connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO indicator_targets ({TargetColumns}) VALUES ($indicator, $footprint, $from, $to, $percent, $milestones)
            ON CONFLICT (indicator, footprint) DO UPDATE SET baseline_from = excluded.baseline_from, baseline_to = excluded.baseline_to,
                baseline_percent = excluded.baseline_percent, milestones = excluded.milestones
            """;
        command.Parameters.AddWithValue("$indicator", target.Indicator);
        command.Parameters.AddWithValue("$footprint", target.Footprint);
        command.Parameters.AddWithValue("$from", Day(target.Baseline.From));
        command.Parameters.AddWithValue("$to", Day(target.Baseline.To));
        command.Parameters.AddWithValue("$percent", target.Baseline.Percent);
        command.Parameters.AddWithValue("$milestones", IndicatorColumns.Milestones(target.Milestones));
        command.ExecuteNonQuery();
    }, cancellationToken);

    public async Task<IndicatorTarget?> GetTargetAsync(string indicator, string footprint, CancellationToken cancellationToken = default) =>
        (await ReadTargets(indicator, footprint, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<IndicatorTarget>> ListTargetsAsync(string indicator, CancellationToken cancellationToken = default) =>
        ReadTargets(indicator, null, cancellationToken);

    public Task<(int Stored, int Replaced)> PutPublishedAsync(IReadOnlyList<PublishedFigure> figures, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        using var connection = SqliteFiles.OpenDurable(_connectionString);
        using var tx = connection.BeginTransaction();
        using var exists = connection.CreateCommand();
        exists.Transaction = tx;
        exists.CommandText = "SELECT count(*) FROM published_figures WHERE indicator = $indicator AND footprint = $footprint AND from_day = $from AND to_day = $to AND source = $source";
        using var upsert = connection.CreateCommand();
        upsert.Transaction = tx;
        upsert.CommandText = $"""
            INSERT INTO published_figures ({FigureColumns}) VALUES ($indicator, $footprint, $from, $to, $percent, $base, $source, $note)
            ON CONFLICT (indicator, footprint, from_day, to_day, source) DO UPDATE SET
                percent = excluded.percent, unweighted_base = excluded.unweighted_base, note = excluded.note
            """;
        var replaced = 0;
        foreach (var figure in figures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            exists.Parameters.Clear();
            AddKey(exists, figure);
            if ((long)exists.ExecuteScalar()! > 0) replaced++;
            upsert.Parameters.Clear();
            AddKey(upsert, figure);
            upsert.Parameters.AddWithValue("$percent", figure.Percent);
            upsert.Parameters.AddWithValue("$base", figure.UnweightedBase);
            upsert.Parameters.AddWithValue("$note", (object?)figure.Note ?? DBNull.Value);
            upsert.ExecuteNonQuery();
        }
        tx.Commit();
        return (figures.Count, replaced);
    }, cancellationToken);

    public Task<IReadOnlyList<PublishedFigure>> ListPublishedAsync(string indicator, string? footprint = null, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<PublishedFigure>>(() =>
        {
            using var connection = SqliteFiles.OpenDurable(_connectionString);
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {FigureColumns} FROM published_figures WHERE indicator = $indicator AND ($footprint IS NULL OR footprint = $footprint)
                ORDER BY footprint, to_day, source, from_day
                """;
            command.Parameters.AddWithValue("$indicator", indicator);
            command.Parameters.AddWithValue("$footprint", (object?)footprint ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var figures = new List<PublishedFigure>();
            while (reader.Read())
                figures.Add(new PublishedFigure(reader.GetString(0), reader.GetString(1), ReadDay(reader.GetString(2)), ReadDay(reader.GetString(3)),
                    reader.GetDouble(4), reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
            return figures;
        }, cancellationToken);

    private Task<IReadOnlyList<IndicatorTarget>> ReadTargets(string indicator, string? footprint, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<IndicatorTarget>>(() =>
        {
            using var connection = SqliteFiles.OpenDurable(_connectionString);
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {TargetColumns} FROM indicator_targets WHERE indicator = $indicator AND ($footprint IS NULL OR footprint = $footprint)
                ORDER BY footprint
                """;
            command.Parameters.AddWithValue("$indicator", indicator);
            command.Parameters.AddWithValue("$footprint", (object?)footprint ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var targets = new List<IndicatorTarget>();
            while (reader.Read())
                targets.Add(new IndicatorTarget(reader.GetString(0), reader.GetString(1),
                    new TargetBaseline(ReadDay(reader.GetString(2)), ReadDay(reader.GetString(3)), reader.GetDouble(4)),
                    IndicatorColumns.ReadMilestones(reader.GetString(5))));
            return targets;
        }, cancellationToken);

    private static void AddKey(SqliteCommand command, PublishedFigure figure)
    {
        command.Parameters.AddWithValue("$indicator", figure.Indicator);
        command.Parameters.AddWithValue("$footprint", figure.Footprint);
        command.Parameters.AddWithValue("$from", Day(figure.From));
        command.Parameters.AddWithValue("$to", Day(figure.To));
        command.Parameters.AddWithValue("$source", figure.Source);
    }

    // ISO days sort as text the way they sort as days, so ORDER BY to_day is date order.
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ReadDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
