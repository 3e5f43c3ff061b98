using AnalysisHub.Domain.Records;

namespace AnalysisHub.Domain.Ingest;

/// <summary>A parsed request body: the valid rows in order, or the errors that reject it whole.</summary>
public sealed class ParsedBatch
{
    public List<IncomingRecord> Records { get; } = [];
    public List<RowError> Errors { get; } = [];
    public int Rows { get; internal set; }
    public bool IsValid => Errors.Count == 0;

    /// <summary>Set when the batch exceeds the row limit; parsing stops there.</summary>
    public bool TooManyRows { get; internal set; }
}
