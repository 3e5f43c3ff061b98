namespace AnalysisHub.Server.Live;

/// <summary>
/// The <c>rollupChanged</c> message, identical over SignalR and SSE: the new counts of every affected period
/// (the changed days and their months). A snapshot (first SSE event) carries the last 31 days and 13 months.
/// </summary>
public sealed record RollupChangedMessage(
    string Footprint, string Feed, string? Category, bool Snapshot, IReadOnlyList<LivePeriod> Periods);

/// <summary>One period's count; <c>granularity</c> is <c>day</c> or <c>month</c>.</summary>
public sealed record LivePeriod(string Granularity, string Period, DateOnly Start, DateOnly End, long Count);

/// <summary>One server-sent event: its name (<c>rollupChanged</c>, <c>alertRaised</c>) and its JSON payload.</summary>
public sealed record LiveEvent(string Name, object Data);
