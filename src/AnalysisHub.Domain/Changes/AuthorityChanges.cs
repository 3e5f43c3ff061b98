using AnalysisHub.Domain.Cells;

namespace AnalysisHub.Storage;

/// <summary>
/// The net change that commits made to one authority's cells: change numbers
/// <see cref="FirstSequence"/>..<see cref="Sequence"/> of that authority, which numbers its changes 1, 2, 3…
/// with no gaps, so a receiver can tell a repeat from a missed change.
/// </summary>
public sealed record AuthorityChanges(string AuthorityId, long FirstSequence, long Sequence, IReadOnlyDictionary<CellKey, long> Deltas)
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
        foreach (var group in changes.GroupBy(c => c.AuthorityId))
        {
            AuthorityChanges? run = null;
            Dictionary<CellKey, long>? sum = null;
            foreach (var change in group)
            {
                if (run is not null && change.FirstSequence == run.Sequence + 1)
                {
                    foreach (var (key, delta) in change.Deltas) sum![key] = sum.GetValueOrDefault(key) + delta;
                    run = run with { Sequence = change.Sequence };
                    continue;
                }
                if (run is not null) merged.Add(run with { Deltas = sum! });
                run = change;
                sum = new Dictionary<CellKey, long>(change.Deltas);
            }
            if (run is not null) merged.Add(run with { Deltas = sum! });
        }
        return merged;
    }
}
