using AnalysisHub.Server.Indicators;

namespace AnalysisHub.Server.ConfidenceSummary;

/// <summary>
/// The monthly confidence summary of a footprint: for each survey indicator, its figure for the 12 months
/// <see cref="From"/>–<see cref="To"/> ending on the month's last day, against Wales and against the period of the same
/// length before, the member authorities' figures, progress against a target and the figures published for it. Partner
/// and public summaries have this shape; the public one withholds figures (<see cref="MinimumBase"/>, <see cref="DisclosureControl"/>).
/// </summary>
/// <param name="Month">the month summarised, <c>2025-07</c>.</param>
/// <param name="MinimumBase">the fewest responses a public figure rests on; null for partners (nothing is withheld).</param>
public sealed record ConfidenceSummaryBody(
    string Footprint, string Kind, string Name, string Month, DateOnly From, DateOnly To, string Benchmark, string Audience, int? MinimumBase,
    string? DisclosureControl, string Method, IReadOnlyList<DisclosedIndicator> Indicators, IReadOnlyList<string> Footnotes);
