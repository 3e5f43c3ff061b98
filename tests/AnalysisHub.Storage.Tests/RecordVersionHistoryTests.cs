using System.Text;
using AnalysisHub.Testing.Histories;
using CsCheck;

namespace AnalysisHub.Storage.Tests;

/// <summary>
/// Every record's history against the model: generated histories sent by three writer keys and by no key, grouped
/// into commits, with keys' writes withdrawn between commits (a key may write again afterwards, and be withdrawn
/// again). Each record must list exactly one version per row sent for it, in arrival order, with its writer, the
/// outcome <see cref="LedgerModel"/> gave that row when it arrived (or withdrawn, once its key's writes were) and
/// the version it said — however the ledger stores them (a record written once keeps its version in its own row).
/// </summary>
public abstract partial class RecordLedgerTests<TLedger>
{
    /// <summary>A history, each batch's writer (3: no key), how many batches each commit takes, and withdrawals (after which commit, which key).</summary>
    private static readonly Gen<(History History, int[] WriterOf, int[] CommitSizes, (int AfterCommit, int Key)[] Withdrawals)> VersionCases =
        Gen.Select(HistoryGenerator.Histories, Gen.Int[0, Writers].Array[30], Gen.Int[1, 3].Array[30],
            Gen.Select(Gen.Int[0, 12], Gen.Int[0, Writers - 1]).Array[0, 4]);

    [Fact]
    public void Every_record_lists_one_version_per_row_sent_with_its_writer_and_outcome_whatever_was_withdrawn()
    {
        VersionCases.Sample((history, writerOf, commitSizes, withdrawals) =>
        {
            var prefix = NewPrefix();
            string? Key(int writer) => writer == Writers ? null : $"{prefix}key{writer}";
            var batches = history.Batches;
            // Every row sent so far, in arrival order: its batch's writer and the outcome it had when it arrived.
            var sent = new List<(HistoryRow Row, int Writer, string Outcome, bool Withdrawn)>();
            var model = new LedgerModel();
            var commits = 0;
            for (int start = 0; start < batches.Count; commits++)
            {
                var size = Math.Min(commitSizes[commits % commitSizes.Length], batches.Count - start);
                var group = Enumerable.Range(start, size).ToList();
                start += size;
                Ledger.Commit(group.Select(b => new IncomingBatch(Parse(batches[b], prefix, history.Feed), Key(writerOf[b % writerOf.Length]))).ToList());
                foreach (var b in group)
                    foreach (var row in batches[b])
                        sent.Add((row, writerOf[b % writerOf.Length], model.Apply(row), false));
                foreach (var (_, key) in withdrawals.Where(w => w.AfterCommit == commits))
                    model = Withdraw(key);
            }
            foreach (var (_, key) in withdrawals.Where(w => w.AfterCommit >= commits))
                model = Withdraw(key);

            foreach (var id in history.Rows.Select(r => r.Id).Distinct())
            {
                var recorded = Ledger.HistoryAsync(History.CrimeFeed, prefix + id).Result;
                Assert.True(recorded is not null, $"{id}: no history");
                var expected = sent.Where(s => s.Row.Id == id)
                    .Select(s => (Key(s.Writer), s.Withdrawn ? VersionOutcome.Withdrawn : OutcomeOf(s.Outcome), s.Row.Version ?? 0)).ToList();
                var actual = recorded.Versions.Select(v => (v.KeyId, v.Outcome, v.Content.Version)).ToList();
                Assert.True(expected.SequenceEqual(actual),
                    $"{id}: versions differ\nexpected: {string.Join(", ", expected)}\nactual:   {string.Join(", ", actual)}");
                Assert.True(recorded.Versions.Zip(recorded.Versions.Skip(1)).All(p => p.First.At <= p.Second.At), $"{id}: versions out of time order");
                AssertSameState(model.StateOf(id), recorded.Current, id);
            }

            // Withdraws the key's writes from the ledger and from the rows sent; the model is then the rows still in force, in order.
            LedgerModel Withdraw(int key)
            {
                Ledger.WithdrawWrites(Key(key)!);
                for (var i = 0; i < sent.Count; i++)
                    if (sent[i].Writer == key) sent[i] = sent[i] with { Withdrawn = true };
                var replayed = new LedgerModel();
                foreach (var s in sent.Where(s => !s.Withdrawn)) replayed.Apply(s.Row);
                return replayed;
            }
        }, iter: HistoryGenerator.Iterations(100), threads: 1, print: c => DescribeVersions(c.Item1, c.Item2, c.Item3, c.Item4));
    }

    private static VersionOutcome OutcomeOf(string modelOutcome) => modelOutcome switch
    {
        "accepted" => VersionOutcome.Accepted,
        "updated" => VersionOutcome.Updated,
        "duplicates" => VersionOutcome.Duplicate,
        "stale" => VersionOutcome.Stale,
        "cancelled" => VersionOutcome.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(modelOutcome), modelOutcome, null),
    };

    private static string DescribeVersions(History history, int[] writerOf, int[] commitSizes, (int AfterCommit, int Key)[] withdrawals)
    {
        var text = new StringBuilder($"\n# commits take {string.Join(",", commitSizes.Take(history.Batches.Count))} batches; withdrawn: ")
            .AppendJoin(", ", withdrawals.Select(w => $"key{w.Key} after commit {w.AfterCommit + 1}")).Append('\n');
        for (var b = 0; b < history.Batches.Count; b++)
        {
            var writer = writerOf[b % writerOf.Length];
            text.Append($"# batch {b + 1} by {(writer == Writers ? "no key" : $"key{writer}")}: ")
                .AppendJoin(" | ", history.Batches[b].Select(r => r.ToNdjson())).Append('\n');
        }
        return text.ToString();
    }
}
