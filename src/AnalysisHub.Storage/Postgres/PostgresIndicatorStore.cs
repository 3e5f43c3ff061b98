using AnalysisHub.Domain.Indicators;
using Npgsql;
using NpgsqlTypes;

namespace AnalysisHub.Storage.Postgres;

/// <summary>
/// Indicator targets and published figures in the cluster's PostgreSQL database (tables from
/// deploy/postgres/indicators.sql), shared by every node; a commit is durable when it returns.
/// </summary>
public sealed class PostgresIndicatorStore(NpgsqlDataSource dataSource) : IIndicatorStore
{
    private const string TargetColumns = "indicator, footprint, baseline_from, baseline_to, baseline_percent, milestones::text";
    private const string FigureColumns = "indicator, footprint, from_day, to_day, percent, unweighted_base, source, note";

    public async Task PutTargetAsync(IndicatorTarget target, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO indicator_targets (indicator, footprint, baseline_from, baseline_to, baseline_percent, milestones)
            VALUES (@indicator, @footprint, @from, @to, @percent, @milestones)
            ON CONFLICT (indicator, footprint) DO UPDATE SET baseline_from = excluded.baseline_from, baseline_to = excluded.baseline_to,
                baseline_percent = excluded.baseline_percent, milestones = excluded.milestones
            """);
        command.Parameters.AddWithValue("indicator", target.Indicator);
        command.Parameters.AddWithValue("footprint", target.Footprint);
        command.Parameters.AddWithValue("from", target.Baseline.From);
        command.Parameters.AddWithValue("to", target.Baseline.To);
        command.Parameters.AddWithValue("percent", target.Baseline.Percent);
        command.Parameters.AddWithValue("milestones", NpgsqlDbType.Jsonb, IndicatorColumns.Milestones(target.Milestones));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IndicatorTarget?> GetTargetAsync(string indicator, string footprint, CancellationToken cancellationToken = default) =>
        (await ReadTargets(indicator, footprint, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<IndicatorTarget>> ListTargetsAsync(string indicator, CancellationToken cancellationToken = default) =>
        ReadTargets(indicator, null, cancellationToken);

    public async Task<(int Stored, int Replaced)> PutPublishedAsync(IReadOnlyList<PublishedFigure> figures, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // xmax is 0 on a row this statement inserted and set on one it updated: the replaced count without a second look.
        await using var upsert = new NpgsqlCommand($"""
            INSERT INTO published_figures ({FigureColumns}) VALUES (@indicator, @footprint, @from, @to, @percent, @base, @source, @note)
            ON CONFLICT (indicator, footprint, from_day, to_day, source) DO UPDATE SET
                percent = excluded.percent, unweighted_base = excluded.unweighted_base, note = excluded.note
            RETURNING xmax <> 0
            """, connection, tx);
        var replaced = 0;
        foreach (var figure in figures)
        {
            upsert.Parameters.Clear();
            upsert.Parameters.AddWithValue("indicator", figure.Indicator);
            upsert.Parameters.AddWithValue("footprint", figure.Footprint);
            upsert.Parameters.AddWithValue("from", figure.From);
            upsert.Parameters.AddWithValue("to", figure.To);
            upsert.Parameters.AddWithValue("percent", figure.Percent);
            upsert.Parameters.AddWithValue("base", figure.UnweightedBase);
            upsert.Parameters.AddWithValue("source", figure.Source);
            upsert.Parameters.Add(new NpgsqlParameter("note", NpgsqlDbType.Text) { Value = (object?)figure.Note ?? DBNull.Value });
            if ((bool)(await upsert.ExecuteScalarAsync(cancellationToken))!) replaced++;
        }
        await tx.CommitAsync(cancellationToken);
        return (figures.Count, replaced);
    }

    public async Task<IReadOnlyList<PublishedFigure>> ListPublishedAsync(string indicator, string? footprint = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {FigureColumns} FROM published_figures WHERE indicator = @indicator AND (@footprint::text IS NULL OR footprint = @footprint)
            ORDER BY footprint COLLATE "C", to_day, source COLLATE "C", from_day
            """);
        command.Parameters.AddWithValue("indicator", indicator);
        command.Parameters.Add(new NpgsqlParameter<string?>("footprint", footprint));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var figures = new List<PublishedFigure>();
        while (await reader.ReadAsync(cancellationToken))
            figures.Add(new PublishedFigure(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3),
                reader.GetDouble(4), reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        return figures;
    }

    private async Task<IReadOnlyList<IndicatorTarget>> ReadTargets(string indicator, string? footprint, CancellationToken cancellationToken)
    {
        // Ordered bytewise, as SQLite orders text, so both stores list targets alike whatever the database's collation.
        await using var command = dataSource.CreateCommand($"""
            SELECT {TargetColumns} FROM indicator_targets WHERE indicator = @indicator AND (@footprint::text IS NULL OR footprint = @footprint)
            ORDER BY footprint COLLATE "C"
            """);
        command.Parameters.AddWithValue("indicator", indicator);
        command.Parameters.Add(new NpgsqlParameter<string?>("footprint", footprint));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var targets = new List<IndicatorTarget>();
        while (await reader.ReadAsync(cancellationToken))
            targets.Add(new IndicatorTarget(reader.GetString(0), reader.GetString(1),
                new TargetBaseline(reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3), reader.GetDouble(4)),
                IndicatorColumns.ReadMilestones(reader.GetString(5))));
        return targets;
    }
}
