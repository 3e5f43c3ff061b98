namespace AnalysisHub.Server.Completeness;

/// <summary>The completeness answer: one row per member authority of the footprint × month, by authority then month.</summary>
/// <param name="From">the first month shown (<c>YYYY-MM</c>).</param>
/// <param name="To">the last month shown.</param>
public sealed record CompletenessBody(string Feed, string Footprint, string From, string To, IReadOnlyList<CompletenessRow> Rows);

/// <summary>
/// An authority's month of the feed: its records, the median of the previous 12 months that had records (null when
/// none had) and the status: <c>complete</c>, <c>partial</c>, <c>missing</c>, <c>no-history</c> or <c>withdrawn</c>.
/// </summary>
public sealed record CompletenessRow(string Authority, string Month, long Records, double? Expected, string Status);

/// <summary>A supplier's stored declaration of a month.</summary>
public sealed record DeliveryBody(string Feed, string Authority, string Code, string Month, string Status, DateTimeOffset DeclaredAt, string? KeyId);
