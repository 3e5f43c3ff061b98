namespace AnalysisHub.Storage;

/// <summary>One row applied to a record: when it was committed, the key that sent it, what it said and what it did.</summary>
public sealed record RecordVersion(DateTimeOffset At, string? KeyId, StoredRecord Content, VersionOutcome Outcome);

/// <summary>A record's current state (null when it holds none, e.g. after its only writer's writes were withdrawn) and its versions, oldest first.</summary>
public sealed record RecordHistory(StoredRecord? Current, IReadOnlyList<RecordVersion> Versions);
