using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Completeness;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Shared;

namespace AnalysisHub.Server.Completeness;

/// <summary>
/// Reads what <see cref="FeedCompleteness"/> judges: each authority's monthly counts of the feed (every category, no
/// flag) from its grain, by the series query every endpoint uses, and the suppliers' declarations from the store.
/// The completeness endpoint, series, comparisons and bulletins all read through here.
/// </summary>
internal static class CompletenessReader
{
    /// <summary>
    /// The feed's months <paramref name="firstMonth"/>..<paramref name="lastMonth"/> (month indexes) judged in each
    /// authority; months after the current one are not judged (nothing can be said of them yet).
    /// </summary>
    public static async Task<FeedCompleteness> ReadAsync(QueryServices services, Feed feed, IEnumerable<Authority> authorities,
        int firstMonth, int lastMonth, CancellationToken cancellationToken)
    {
        lastMonth = Math.Min(lastMonth, MonthIndex.Of(LondonTime.Today(services.Clock)));
        var members = authorities.Distinct().ToList();
        if (lastMonth < firstMonth || members.Count == 0)
            return FeedCompleteness.Judge(firstMonth, lastMonth, new Dictionary<Authority, long[]>(), (_, _) => null);

        var query = new SeriesQuery(feed.Index, feed.Categories.Select(c => c.Index).ToList(), 0,
            new DateRange(MonthIndex.FirstDay(firstMonth - CompletenessRule.HistoryMonths), MonthIndex.LastDay(lastMonth)), Granularity.Month);
        var series = await Task.WhenAll(members.Select(a =>
            RollupGrains.For(services.Grains, a.Footprint).GetSeries(query).WaitAsync(services.Timeout, cancellationToken)));
        var counts = new Dictionary<Authority, long[]>();
        for (var i = 0; i < members.Count; i++) counts[members[i]] = series[i].Points.Select(p => p.Count).ToArray();

        var declared = (await services.Deliveries.ListAsync(feed.Id, firstMonth, lastMonth, cancellationToken))
            .ToDictionary(d => (d.Authority, d.Month), d => d.Status);
        return FeedCompleteness.Judge(firstMonth, lastMonth, counts,
            (authority, month) => declared.TryGetValue((authority.Code, month), out var status) ? status : null);
    }

    /// <summary>The feed's months judged over the months of <paramref name="range"/>.</summary>
    public static Task<FeedCompleteness> ReadAsync(QueryServices services, Feed feed, IEnumerable<Authority> authorities, DateRange range,
        CancellationToken cancellationToken) =>
        ReadAsync(services, feed, authorities, MonthIndex.Of(range.From), MonthIndex.Of(range.To), cancellationToken);

    /// <summary>The ids of the members incomplete in the part of a period inside <paramref name="range"/>.</summary>
    public static IReadOnlyList<string> IncompleteIn(this FeedCompleteness completeness, Footprint footprint, DateOnly start, DateOnly end, DateRange range) =>
        completeness.IncompleteMembers(footprint.Members, start < range.From ? range.From : start, end > range.To ? range.To : end)
            .Select(a => a.Id).ToList();
}
