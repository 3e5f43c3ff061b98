using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>
/// A record's state in the ledger's own stable terms (ONS code, category slug, flag slugs joined by ';'), as the
/// records and record_versions tables hold it: readable whatever the vocabulary has become since.
/// </summary>
public sealed record StoredRecord(long Version, RecordStatus Status, RecordTime Time,
    string? Authority, string? Category, string? Flags)
{
    /// <summary>Whether the record says where and when (a cancellation by id alone does not).</summary>
    public bool HasContent => Authority is not null;
}
