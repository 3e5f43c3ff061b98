using AnalysisHub.Domain.Time;

namespace AnalysisHub.Domain.Rollups;

/// <summary>A validated series question: which feed, categories and flags, over which days, bucketed how.</summary>
/// <param name="Categories">category indexes to count (a category and its descendants), never empty.</param>
/// <param name="RequiredFlags">every one of these flags must be on a record for it to count.</param>
public sealed record SeriesQuery(int Feed, IReadOnlyList<int> Categories, uint RequiredFlags, DateRange Range, Granularity Granularity);
