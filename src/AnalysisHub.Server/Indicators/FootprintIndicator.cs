using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Shared;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// One indicator for one footprint over the 12 months ending on a day, as the bulletin and the monthly summary show it:
/// the footprint's row (against Wales and the period before), its members' rows, Wales's own row, where it stands against
/// its target (null without one) and the figures published for it in or overlapping the period. Every row comes from
/// <see cref="IndicatorApi.CompareAsync"/>, so each equals what the indicator's compare route gives for the same period.
/// </summary>
internal sealed record FootprintIndicator(
    Indicator Indicator, DateRange Range, IndicatorComparisonRow Footprint, IReadOnlyList<IndicatorComparisonRow> Members,
    IndicatorComparisonRow Wales, IndicatorStanding? Target, IReadOnlyList<PublishedFigure> Published)
{
    public static async Task<FootprintIndicator> GatherAsync(QueryServices query, IIndicatorStore store, Indicator indicator,
        Footprint footprint, Footprint wales, DateOnly end, bool withMembers)
    {
        var range = IndicatorPeriods.TwelveMonthsEnding(end);
        var members = withMembers ? query.MembersOf(footprint).ToList() : [];
        // Wales is its own benchmark: its row is the benchmark's, not a comparison of Wales with itself.
        var isWales = footprint.Id == wales.Id;
        var compared = isWales ? members : members.Prepend(footprint).ToList();
        var rows = await IndicatorApi.CompareAsync(query, indicator, compared, wales, range);
        var own = isWales ? rows[^1] : rows[0];
        var memberRows = rows.Skip(isWales ? 0 : 1).Take(members.Count).ToList();

        var published = await store.ListPublishedAsync(indicator.Id, footprint.Id);
        var target = await store.GetTargetAsync(indicator.Id, footprint.Id);
        return new(indicator, range, own, memberRows, rows[^1],
            target is null ? null : IndicatorStanding.Of(target, own.Percent, published, end),
            published.Where(p => p.From <= range.To && p.To >= range.From).ToList());
    }
}
