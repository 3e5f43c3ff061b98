using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>What one durable commit did: each batch's counts, in submission order, and the cell changes.</summary>
public sealed record CommitResult(IReadOnlyList<IngestCounts> Counts, IReadOnlyList<AuthorityChanges> Changes)
{
    /// <summary>The result of a commit whose rows (all batches, in order) had the given outcomes.</summary>
    internal static CommitResult From(IReadOnlyList<IncomingBatch> batches, RecordOutcome[] outcomes,
        IReadOnlyList<AuthorityChanges> changes)
    {
        var counts = new List<IngestCounts>(batches.Count);
        var offset = 0;
        foreach (var batch in batches)
        {
            counts.Add(IngestCounts.From(outcomes.AsSpan(offset, batch.Count)));
            offset += batch.Count;
        }
        return new CommitResult(counts, changes);
    }
}
