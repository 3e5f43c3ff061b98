using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace AnalysisHub.Benchmark;

/// <summary>What bare PostgreSQL does with the same records: COPY into a plain table, then GROUP BY.</summary>
public sealed record BaselineResult(
    long Records, double LoadSeconds, double RecordsPerSecond, double RollupMilliseconds, int RollupRows, LatencySummary WalesMonthly);

/// <summary>
/// The baseline the cluster is compared with, on the same PostgreSQL: the bulk records (parsed before timing)
/// loaded with binary COPY into a plain logged table with a primary key on (feed, id) — no corrections,
/// cancellations or repeats are handled, which the hub does — then the rollup the hub keeps (every footprint ×
/// feed total) answered by one GROUP BY over a footprint-membership table, and a Wales monthly series (the shape
/// of a dashboard query) timed like the hub's queries.
/// </summary>
public static class PostgresBaseline
{
    public static async Task<BaselineResult> RunAsync(string connectionString, IReadOnlyList<RecordBatch> batches, HubCatalog catalog)
    {
        var rows = Parse(batches);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Execute(dataSource, """
            DROP TABLE IF EXISTS baseline_records, baseline_members;
            CREATE TABLE baseline_records (feed text NOT NULL, id text NOT NULL, occurred_at timestamptz NOT NULL,
                area text NOT NULL, category text NOT NULL, PRIMARY KEY (feed, id));
            CREATE TABLE baseline_members (footprint text NOT NULL, area text NOT NULL);
            """);
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var members = await connection.BeginBinaryImportAsync("COPY baseline_members (footprint, area) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var footprint in catalog.Footprints)
                foreach (var index in catalog.AuthorityIndexes(footprint))
                    await members.WriteRowAsync(default, footprint.Id, catalog.Authorities[index].Code!);
            await members.CompleteAsync();
        }

        var load = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY baseline_records (feed, id, occurred_at, area, category) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(row.Feed, NpgsqlDbType.Text);
                await copy.WriteAsync(row.Id, NpgsqlDbType.Text);
                await copy.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.Area, NpgsqlDbType.Text);
                await copy.WriteAsync(row.Category, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        var loadSeconds = load.Elapsed.TotalSeconds;
        await Execute(dataSource, "ANALYZE baseline_records; ANALYZE baseline_members;");

        // The whole rollup: best of three, so a cold cache does not count against PostgreSQL.
        var rollup = double.MaxValue;
        var rollupRows = 0;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var command = dataSource.CreateCommand(
                "SELECT m.footprint, r.feed, count(*) FROM baseline_records r JOIN baseline_members m ON m.area = r.area GROUP BY 1, 2");
            await using var reader = await command.ExecuteReaderAsync();
            rollupRows = 0;
            while (await reader.ReadAsync()) rollupRows++;
            rollup = Math.Min(rollup, clock.Elapsed.TotalMilliseconds);
        }

        var latencies = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var command = dataSource.CreateCommand("""
                SELECT date_trunc('month', r.occurred_at AT TIME ZONE 'Europe/London') AS month, count(*)
                FROM baseline_records r JOIN baseline_members m ON m.area = r.area
                WHERE m.footprint = 'nation:wales' AND r.feed = $1 GROUP BY 1 ORDER BY 1
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = catalog.Feeds[i % catalog.Feeds.Count].Id });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new BaselineResult(rows.Count, Math.Round(loadSeconds, 2), Math.Round(rows.Count / loadSeconds),
            Math.Round(rollup, 1), rollupRows, LatencySummary.From(latencies));
    }

    private sealed record Row(string Feed, string Id, DateTime OccurredAt, string Area, string Category);

    private static List<Row> Parse(IReadOnlyList<RecordBatch> batches)
    {
        var rows = new List<Row>(batches.Sum(b => b.Records));
        foreach (var batch in batches)
            foreach (var line in batch.Body.AsSpan().Split((byte)'\n'))
            {
                var json = batch.Body.AsSpan()[line];
                if (json.IsEmpty) continue;
                using var record = JsonDocument.Parse(json.ToArray());
                var root = record.RootElement;
                rows.Add(new Row(batch.Feed, root.GetProperty("id").GetString()!, root.GetProperty("occurredAt").GetDateTime().ToUniversalTime(),
                    root.GetProperty("area").GetString()!, root.GetProperty("category").GetString()!));
            }
        return rows;
    }

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
