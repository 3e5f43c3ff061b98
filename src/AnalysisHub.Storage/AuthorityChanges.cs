using AnalysisHub.Domain.Cells;

namespace AnalysisHub.Storage;

/// <summary>
/// The net change one committed group made to one authority's cells. <see cref="Sequence"/> numbers the
/// authority's changes 1, 2, 3… with no gaps, so a receiver can tell a repeat from a missed change.
/// </summary>
public sealed record AuthorityChanges(string AuthorityId, long Sequence, IReadOnlyDictionary<CellKey, long> Deltas);
