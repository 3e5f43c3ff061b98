using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// Reads an indicator's sums for a footprint over a range from its rollup grain: the number of responses in the base,
/// and the weights of the numerator's and the base's answers and their squares (cells of their own measure, in
/// millionths). Every footprint sums its member authorities' cells, so a partnership's figure is made from the same
/// responses as its members' and the nation's.
/// </summary>
internal static class IndicatorSums
{
    public static async Task<WeightedSums> ReadAsync(IGrainFactory grains, Footprint footprint, Indicator indicator, DateRange range,
        TimeSpan timeout)
    {
        var grain = RollupGrains.For(grains, footprint);
        // A year's points: the total is all that is read, and a response known only to its month counts when its whole
        // month is in the range, as in every other product.
        Task<SeriesResult> Sum(IReadOnlyList<int> categories) =>
            grain.GetSeries(new SeriesQuery(indicator.Feed.Index, categories, 0, range, Granularity.Year));
        var sums = await Task.WhenAll(
            Sum(indicator.Denominator),
            Sum(CellMeasures.Categories(indicator.Numerator, CellMeasure.Weight)),
            Sum(CellMeasures.Categories(indicator.Denominator, CellMeasure.Weight)),
            Sum(CellMeasures.Categories(indicator.Denominator, CellMeasure.WeightSquared))).WaitAsync(timeout);
        const double scale = RecordWeight.Scale;
        return new WeightedSums(sums[0].Total, sums[1].Total / scale, sums[2].Total / scale, sums[3].Total / scale);
    }
}
