using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Domain.Changes;

/// <summary>
/// The net change that commits made to one authority's cells: change numbers
/// <see cref="FirstSequence"/>..<see cref="Sequence"/> of that authority, which numbers its changes 1, 2, 3…
/// with no gaps, so a receiver can tell a repeat from a missed change. <see cref="Cells"/> holds the cell
/// deltas encoded by <see cref="CellCodec"/>: for a single commit, the very bytes written to the change log.
/// </summary>
public sealed record AuthorityChanges(Authority Authority, long FirstSequence, long Sequence, byte[] Cells)
{
    /// <summary>When the earliest of these changes was made durable (acknowledged); for the rollup-lag metric.</summary>
    public DateTimeOffset? CommittedAt { get; init; }

    /// <summary>
    /// Merges consecutive changes of each authority (given in commit order) into one, so a receiver that fell
    /// behind catches up in one call per authority rather than one per commit.
    /// </summary>
    public static IReadOnlyList<AuthorityChanges> Coalesce(IEnumerable<AuthorityChanges> changes)
    {
        var merged = new List<AuthorityChanges>();
        var run = new List<AuthorityChanges>();
        foreach (var group in changes.GroupBy(c => c.Authority))
        {
            run.Clear();
            foreach (var change in group)
            {
                if (run.Count > 0 && change.FirstSequence != run[^1].Sequence + 1)
                {
                    merged.Add(Merge(run));
                    run.Clear();
                }
                run.Add(change);
            }
            if (run.Count > 0) merged.Add(Merge(run));
        }
        return merged;
    }

    /// <summary>
    /// One change for a run of consecutive ones. A run of one is passed on as it is, so the log's bytes reach
    /// the grain untouched; a longer run is decoded, summed and encoded once. Cells that sum to zero stay in,
    /// as the receiver is told those cells changed.
    /// </summary>
    private static AuthorityChanges Merge(List<AuthorityChanges> run)
    {
        if (run.Count == 1) return run[0];
        var sum = new Dictionary<CellKey, long>();
        foreach (var change in run)
            foreach (var (key, delta) in CellCodec.Decode(change.Cells)) sum[key] = sum.GetValueOrDefault(key) + delta;
        return run[0] with { Sequence = run[^1].Sequence, Cells = CellCodec.Encode(sum) };
    }
}
