using System.Text;
using AnalysisHub.Cli.Ingest;
using AnalysisHub.Cli.PoliceUk;
using CsCheck;

namespace AnalysisHub.Cli.Tests.PoliceUk;

/// <summary>
/// The ids of street rows against what a re-import needs: generated files with many identical rows (a small
/// alphabet of streets and types) are given ids, and the model says which must match which.
/// </summary>
public sealed class StableIdPropertyTests
{
    private sealed record Row(string CrimeId, string[] Content);

    private static readonly Gen<Row> RowGen = Gen.Select(
        Gen.OneOf(Gen.Const(""), Gen.Const(""), Gen.Int[1, 5].Select(i => $"crime-{i}")),
        Gen.OneOf(Gen.Const("Park Road"), Gen.Const("High Street"), Gen.Const("Station")), Gen.OneOf(Gen.Const("Anti-social behaviour"), Gen.Const("Burglary")),
        (id, street, type) => new Row(id, ["2020-10", "Gwent Police", street, type]));

    private static List<string> Ids(IEnumerable<Row> rows)
    {
        var ids = new StableIds();
        return rows.Select(r => ids.Next(r.CrimeId, r.Content)).ToList();
    }

    [Fact]
    public void Rows_without_a_crime_id_get_distinct_ids_that_no_reordering_or_appending_changes()
    {
        Gen.Select(RowGen.List[0, 40], RowGen.List[0, 10], Gen.Int.Array[50]).Sample((rows, appended, order) =>
        {
            var ids = Ids(rows);
            var withoutCrimeId = ids.Where((_, i) => rows[i].CrimeId == "").ToList();
            // Model: identical rows are as many records as there are rows.
            Assert.Equal(withoutCrimeId.Count, withoutCrimeId.Distinct().Count());
            Assert.All(rows.Where(r => r.CrimeId != "").Zip(ids.Where((_, i) => rows[i].CrimeId != "")), p => Assert.Equal(p.First.CrimeId, p.Second));

            // Re-importing the same rows in any order gives the same set of records.
            var shuffled = rows.Select((r, i) => (r, key: order[i % order.Length] ^ i)).OrderBy(p => p.key).Select(p => p.r).ToList();
            Assert.Equal(ids.Order(StringComparer.Ordinal), Ids(shuffled).Order(StringComparer.Ordinal));

            // A file republished with more rows keeps the ids of the rows it had.
            Assert.Equal(ids, Ids(rows.Concat(appended)).Take(rows.Count));
        }, iter: 1000);
    }

    [Fact]
    public void No_id_spans_two_batches_and_every_row_is_sent_once_in_file_order()
    {
        Gen.Select(RowGen.List[0, 60], Gen.Int[1, 8]).Sample((rows, maxRows) =>
        {
            var ids = Ids(rows);
            var records = rows.Select((r, i) => new StreetRecord(r.Content[3] == "Burglary" ? "crime" : "incidents", ids[i],
                Encoding.UTF8.GetBytes($"{{\"id\":\"{ids[i]}\"}}"), i + 2)).ToList();

            var batches = StreetBatches.Cut("f.csv", records, new BatchLimits { MaxRows = maxRows }).ToList();

            // A record is known by (feed, id): the rows of one record never go in two batches.
            var batchOf = new Dictionary<string, int>();
            for (var b = 0; b < batches.Count; b++)
                foreach (var id in Encoding.UTF8.GetString(batches[b].Body).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var record = batches[b].Feed + "|" + id;
                    Assert.Equal(b, batchOf.TryGetValue(record, out var seen) ? seen : batchOf[record] = b);
                }
            foreach (var feed in new[] { "crime", "incidents" })
            {
                var expected = records.Where(r => r.Feed == feed).Select(r => r.Line).ToList();
                Assert.Equal(expected, batches.Where(b => b.Feed == feed).SelectMany(b => b.Lines).ToList());
            }
            // A batch grows past the limit only to keep an id's rows together.
            foreach (var batch in batches.Where(b => b.Rows > maxRows))
                Assert.Contains(batch.Lines.Take(maxRows), line => records.Count(r => r.Id == records[line - 2].Id && r.Feed == batch.Feed) > 1);
        }, iter: 1000);
    }
}
