using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>
/// One ingest request's validated rows and the key that sent them (null when no key is known, as in tests and
/// tools that write the ledger directly). The key is kept with every version the rows leave, so an administrator
/// can see who wrote what and withdraw one key's writes.
/// </summary>
public sealed record IncomingBatch(IReadOnlyList<IncomingRecord> Records, string? WriterKeyId)
{
    public int Count => Records.Count;
}
