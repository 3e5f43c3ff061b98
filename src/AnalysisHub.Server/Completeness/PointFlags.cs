using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Completeness;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;

namespace AnalysisHub.Server.Completeness;

/// <summary>
/// The completeness flags of one series' points. Months are judged whole, so on current boundaries every point
/// inside one month has that month's flag: it is worked out once per month, not once per point (a year of days
/// would otherwise ask 365 times of every member). As-was boundaries can change members inside a month, so there
/// each point is asked as it is.
/// </summary>
internal sealed class PointFlags(FeedCompleteness completeness, Footprint footprint, DateRange range, Boundaries boundaries)
{
    private readonly Dictionary<int, IReadOnlyList<string>?> _byMonth = [];

    /// <summary>The point's incomplete members; null when none is.</summary>
    public IReadOnlyList<string>? For(SeriesPoint point)
    {
        var month = MonthIndex.Of(point.Start < range.From ? range.From : point.Start);
        var sameMonth = month == MonthIndex.Of(point.End > range.To ? range.To : point.End);
        if (boundaries != Boundaries.Current || !sameMonth) return completeness.IncompleteIn(footprint, point.Start, point.End, range, boundaries);
        if (!_byMonth.TryGetValue(month, out var members))
            _byMonth[month] = members = completeness.IncompleteIn(footprint, point.Start, point.End, range, boundaries);
        return members;
    }
}
