namespace AnalysisHub.Domain.Records;

/// <summary>A validated row: the record's id within its feed and its normalised state.</summary>
public readonly record struct IncomingRecord(string Id, RecordEntry Entry);
