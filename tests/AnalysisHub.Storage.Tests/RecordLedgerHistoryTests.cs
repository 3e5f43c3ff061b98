using System.Text;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Records;
using AnalysisHub.Testing.Histories;
using CsCheck;

namespace AnalysisHub.Storage.Tests;

/// <summary>
/// Generated histories against the model of the record contract (<see cref="LedgerModel"/>), through the real
/// NDJSON reader and the ledger under test. Each case names its ids with a prefix of its own, so the cases
/// share one store without meeting; a failure prints the shrunk history as curl commands.
/// </summary>
public abstract partial class RecordLedgerTests<TLedger>
{
    private static int _cases;

    /// <summary>A history with how many of its batches each commit takes (the group commit joins batches).</summary>
    private static readonly Gen<(History History, int[] CommitSizes)> Cases =
        Gen.Select(HistoryGenerator.Histories, Gen.Int[1, 3].Array[30]);

    [Fact]
    public void Generated_histories_answer_and_count_as_the_model_does()
    {
        Cases.Sample((history, commitSizes) =>
        {
            var prefix = NewPrefix();
            var model = new LedgerModel();
            var cells = CommitInGroups(history, commitSizes, prefix, model);
            AssertSameCells(model.Cells(), cells);
            AssertSameCells(LedgerModel.FinalCells(history.Rows), cells);

            // Re-sending everything changes no cell; where versions decide every order, nothing but
            // duplicates and stale.
            var again = Ledger.Commit([Batch(Parse(history.Rows.ToList(), prefix, history.Feed))]);
            Assert.DoesNotContain(again.Changes, c => CellCodec.Decode(c.Cells).Any(d => d.Key.Kind == CellKind.Day && d.Value != 0));
            if (history.VersionsDecideEveryOrder())
            {
                var counts = again.Counts[0];
                Assert.Equal(counts.Total, counts.Duplicates + counts.Stale);
            }
        }, iter: HistoryGenerator.Iterations(150), threads: 1, print: c => c.Item1.ToCurl());
    }

    [Fact]
    public void Any_order_of_rows_with_distinct_versions_ends_in_the_same_cells()
    {
        Gen.Select(HistoryGenerator.OrderFreeHistories, Gen.Int).Sample((history, seed) =>
        {
            var rows = history.Rows.ToList();
            var shuffled = rows.ToArray();
            new Random(seed).Shuffle(shuffled);
            var inOrder = new Dictionary<ModelCell, long>();
            var reordered = new Dictionary<ModelCell, long>();
            AddDayCells(inOrder, Ledger.Commit([Batch(Parse(rows, NewPrefix(), history.Feed))]).Changes);
            // One row per commit: the other extreme of how rows can be grouped.
            var prefix = NewPrefix();
            foreach (var row in shuffled) AddDayCells(reordered, Ledger.Commit([Batch(Parse([row], prefix, history.Feed))]).Changes);

            AssertSameCells(LedgerModel.FinalCells(rows), inOrder);
            AssertSameCells(inOrder, reordered);
        }, iter: HistoryGenerator.Iterations(100), threads: 1, print: c => c.Item1.ToCurl());
    }

    /// <summary>
    /// Commits the history's batches, <paramref name="commitSizes"/> of them to a commit, checking each batch's answer
    /// against the model's; returns the day cells the commits changed.
    /// </summary>
    private Dictionary<ModelCell, long> CommitInGroups(History history, int[] commitSizes, string prefix, LedgerModel model)
    {
        var cells = new Dictionary<ModelCell, long>();
        var batches = history.Batches;
        for (int start = 0, c = 0; start < batches.Count; c++)
        {
            var group = batches.Skip(start).Take(commitSizes[c % commitSizes.Length]).ToList();
            start += group.Count;
            var result = Ledger.Commit(group.Select(b => Batch(Parse(b, prefix, history.Feed))).ToList());
            for (var i = 0; i < group.Count; i++)
                Assert.Equal(AsCounts(model.ApplyBatch(group[i])), result.Counts[i]);
            AddDayCells(cells, result.Changes);
        }
        return cells;
    }

    private static string NewPrefix() => $"h{Interlocked.Increment(ref _cases)}-{Guid.NewGuid():N}"[..16] + "-";

    /// <summary>The rows as the hub reads them: through the NDJSON reader and the record validator.</summary>
    private static IReadOnlyList<IncomingRecord> Parse(IReadOnlyList<HistoryRow> rows, string prefix, string feed)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', rows.Select(r => r.ToNdjson(prefix))));
        var parsed = NdjsonBatchReader.Read(body, new RecordValidator(Geography, Catalog, Catalog.FindFeed(feed)!, TimeProvider.System), 250_000);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Records;
    }

    private static IngestCounts AsCounts(Dictionary<string, int> model) =>
        new(model["accepted"], model["updated"], model["duplicates"], model["stale"], model["cancelled"]);

    /// <summary>
    /// Survey responses whose weights are re-sent as 1, 1.0 or not at all, and corrected alone: every answer's count,
    /// Σw and Σw² end as the model's, whichever commits the batches share.
    /// </summary>
    [Fact]
    public void Generated_survey_histories_sum_weights_as_the_model_does()
    {
        Gen.Select(HistoryGenerator.SurveyHistories, Gen.Int[1, 3].Array[30]).Sample((history, commitSizes) =>
        {
            var prefix = NewPrefix();
            var model = new LedgerModel();
            var cells = CommitInGroups(history, commitSizes, prefix, model);
            var expected = model.Cells().Concat(model.WeightCells()).ToDictionary();
            AssertSameCells(expected, cells);
            AssertSameCells(LedgerModel.FinalCells(history.Rows).Concat(LedgerModel.FinalWeightCells(history.Rows)).ToDictionary(), cells);
        }, iter: HistoryGenerator.Iterations(100), threads: 1, print: c => c.Item1.ToCurl());
    }

    /// <summary>
    /// Adds the commit's day-cell changes, in the model's terms (codes, slugs, dates; a weighted sum's category is
    /// prefixed as <see cref="LedgerModel.WeightCells"/> names it).
    /// </summary>
    private static void AddDayCells(Dictionary<ModelCell, long> cells, IEnumerable<AuthorityChanges> changes)
    {
        foreach (var change in changes)
        {
            var authority = change.Authority.Code;
            foreach (var (key, delta) in CellCodec.Decode(change.Cells).Where(d => d.Key.Kind == CellKind.Day))
            {
                var feed = Catalog.Feeds[key.Feed];
                var answer = feed.Categories[CellMeasures.BaseCategory(key.Category)].Id;
                var category = CellMeasures.MeasureOf(key.Category) switch
                {
                    CellMeasure.Weight => "weight:" + answer,
                    CellMeasure.WeightSquared => "weight²:" + answer,
                    _ => answer,
                };
                var cell = new ModelCell(authority, category, DateOnly.FromDayNumber(key.Time),
                    string.Join(';', Catalog.FlagNames(key.Flags).Order(StringComparer.Ordinal)));
                var count = cells.GetValueOrDefault(cell) + delta;
                if (count == 0) cells.Remove(cell);
                else cells[cell] = count;
            }
        }
    }

    private static void AssertSameCells(Dictionary<ModelCell, long> expected, Dictionary<ModelCell, long> actual)
    {
        static string Show(Dictionary<ModelCell, long> cells) =>
            string.Join(", ", cells.OrderBy(c => c.Key.ToString()).Select(c => $"{c.Key.Authority}/{c.Key.Category}/{c.Key.Day:yyyy-MM-dd}/[{c.Key.Flags}]={c.Value}"));
        Assert.True(expected.Count == actual.Count && expected.All(e => actual.GetValueOrDefault(e.Key) == e.Value),
            $"cells differ\nexpected: {Show(expected)}\nactual:   {Show(actual)}");
    }
}
