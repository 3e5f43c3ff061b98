using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>
/// A record's state in the ledger's own stable terms (ONS code, category slug, flag slugs joined by ';'), as the
/// records and record_versions tables hold it: readable whatever the vocabulary has become since. A survey
/// response's weight is stored in millionths (null for a record of an unweighted feed).
/// </summary>
public sealed record StoredRecord(long Version, RecordStatus Status, RecordTime Time,
    string? Authority, string? Category, string? Flags, RecordWeight Weight = default)
{
    /// <summary>Whether the record says where and when (a cancellation by id alone does not).</summary>
    public bool HasContent => Authority is not null;
}
