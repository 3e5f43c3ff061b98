using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>What one durable commit did: each batch's counts, in submission order, and the cell changes.</summary>
public sealed record CommitResult(IReadOnlyList<IngestCounts> Counts, IReadOnlyList<AuthorityChanges> Changes);
