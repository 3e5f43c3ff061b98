namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// A figure for an indicator published elsewhere (a national survey table, a force's own survey): the percent over
/// the survey period <see cref="From"/>–<see cref="To"/>, on <see cref="UnweightedBase"/> respondents, as
/// <see cref="Source"/> published it. Its identity is (indicator, footprint, from, to, source): two sources may
/// publish the same period, and a source's corrected figure replaces its earlier one.
/// </summary>
public sealed record PublishedFigure(string Indicator, string Footprint, DateOnly From, DateOnly To, double Percent, long UnweightedBase, string Source, string? Note);
