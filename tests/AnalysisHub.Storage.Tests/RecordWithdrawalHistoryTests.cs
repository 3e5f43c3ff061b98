using System.Text;
using AnalysisHub.Testing.Histories;
using CsCheck;

namespace AnalysisHub.Storage.Tests;

/// <summary>
/// Withdrawal against the model: generated histories sent by three writer keys, then one key's writes withdrawn
/// (and then a second's), must leave every record and every day cell as <see cref="LedgerModel"/> — written from
/// the record contract, sharing no code with the hub — leaves them when it applies the same rows without those
/// keys' batches.
/// </summary>
public abstract partial class RecordLedgerTests<TLedger>
{
    private const int Writers = 3;

    /// <summary>A history, the writer (0–2) of each batch, how many batches each commit takes, and the keys withdrawn in turn.</summary>
    private static readonly Gen<(History History, int[] WriterOf, int[] CommitSizes, int First, int Second)> WithdrawalCases =
        Gen.Select(HistoryGenerator.Histories, Gen.Int[0, Writers - 1].Array[30], Gen.Int[1, 3].Array[30], Gen.Int[0, Writers - 1], Gen.Int[1, Writers - 1],
            (history, writers, sizes, first, offset) => (history, writers, sizes, first, (first + offset) % Writers));

    [Fact]
    public void Withdrawing_a_keys_writes_leaves_every_record_and_cell_as_if_its_rows_had_never_been_sent()
    {
        WithdrawalCases.Sample((history, writerOf, commitSizes, first, second) =>
        {
            var prefix = NewPrefix();
            string Key(int writer) => $"{prefix}key{writer}";
            var batches = history.Batches;
            var cells = new Dictionary<ModelCell, long>();
            for (int start = 0, c = 0; start < batches.Count; c++)
            {
                var size = Math.Min(commitSizes[c % commitSizes.Length], batches.Count - start);
                var group = Enumerable.Range(start, size)
                    .Select(b => new IncomingBatch(Parse(batches[b], prefix, history.Feed), Key(writerOf[b % writerOf.Length]))).ToList();
                start += size;
                AddDayCells(cells, Ledger.Commit(group).Changes);
            }

            var withdrawn = new HashSet<int>();
            foreach (var writer in new[] { first, second })
            {
                var result = Ledger.WithdrawWrites(Key(writer));
                AddDayCells(cells, result.Changes);
                withdrawn.Add(writer);
                var model = new LedgerModel();
                for (var b = 0; b < batches.Count; b++)
                    if (!withdrawn.Contains(writerOf[b % writerOf.Length])) model.ApplyBatch(batches[b]);

                var wrote = Enumerable.Range(0, batches.Count).Where(b => writerOf[b % writerOf.Length] == writer)
                    .SelectMany(b => batches[b]).Select(r => r.Id).Distinct().Count();
                Assert.Equal(wrote, result.Records);
                Assert.Equal(result.Records, result.Restored + result.Removed);
                AssertSameCells(model.Cells(), cells);
                foreach (var id in history.Rows.Select(r => r.Id).Distinct())
                    AssertSameState(model.StateOf(id), Ledger.HistoryAsync(History.CrimeFeed, prefix + id).Result?.Current, id);
            }
        }, iter: HistoryGenerator.Iterations(100), threads: 1, print: c => Describe(c.Item1, c.Item2, c.Item4, c.Item5));
    }

    private static void AssertSameState((long Version, ModelContent Content)? expected, StoredRecord? actual, string id)
    {
        if (expected is not { } model)
        {
            Assert.True(actual is null, $"{id}: the model holds nothing, the ledger holds {actual}");
            return;
        }
        Assert.True(actual is not null, $"{id}: the model holds version {model.Version}, the ledger nothing");
        Assert.True(model.Version == actual.Version, $"{id}: version {model.Version} expected, {actual.Version} held");
        Assert.True(model.Content.Cancelled == (actual.Status == Domain.Records.RecordStatus.Cancelled), $"{id}: status differs: {model.Content} vs {actual}");
        if (model.Content.Cancelled) return; // every cancellation is one content, whatever it carried
        var flags = actual.Flags is null ? "" : string.Join(';', actual.Flags.Split(';').Order(StringComparer.Ordinal));
        Assert.True(Domain.Records.RecordTime.AtInstant(model.Content.Instant) == actual.Time && model.Content.Authority == actual.Authority &&
                    model.Content.Category == actual.Category && model.Content.Flags == flags,
            $"{id}: content differs: {model.Content} vs {actual}");
    }

    private static string Describe(History history, int[] writerOf, int first, int second)
    {
        var text = new StringBuilder($"\n# withdrawn: key{first}, then key{second}\n");
        for (var b = 0; b < history.Batches.Count; b++)
            text.Append($"# batch {b + 1} by key{writerOf[b % writerOf.Length]}: ")
                .AppendJoin(" | ", history.Batches[b].Select(r => r.ToNdjson())).Append('\n');
        return text.ToString();
    }
}
