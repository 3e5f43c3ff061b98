using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>The rows of a commit's batches, in order, each with the key of the batch that carried it.</summary>
internal sealed class CommitRows
{
    private readonly string?[] _writers;

    public CommitRows(IReadOnlyList<IncomingBatch> batches)
    {
        var count = 0;
        foreach (var batch in batches) count += batch.Count;
        Records = new IncomingRecord[count];
        _writers = new string?[count];
        var offset = 0;
        foreach (var batch in batches)
            foreach (var record in batch.Records)
            {
                _writers[offset] = batch.WriterKeyId;
                Records[offset++] = record;
            }
    }

    public IncomingRecord[] Records { get; }

    public int Count => Records.Length;

    /// <summary>The key that sent row <paramref name="row"/> (null when none was known).</summary>
    public string? WriterOf(int row) => _writers[row];
}
