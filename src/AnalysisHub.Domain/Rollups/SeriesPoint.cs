namespace AnalysisHub.Domain.Rollups;

/// <summary>One period of a series; <see cref="Count"/> counts only the days of the period inside the range.</summary>
public sealed record SeriesPoint(string Period, DateOnly Start, DateOnly End, long Count);
