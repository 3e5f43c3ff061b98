namespace AnalysisHub.Domain.Rollups;

/// <summary>A dense series: every period that intersects the range, zeros included.</summary>
/// <param name="ExcludedMonthPrecision">records known only to their month that the points leave out (day and
/// week series, or months only partly inside the range).</param>
public sealed record SeriesResult(IReadOnlyList<SeriesPoint> Points, long Total, long ExcludedMonthPrecision);
