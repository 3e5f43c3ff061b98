using AnalysisHub.Domain.Rollups;

namespace AnalysisHub.Contracts;

[GenerateSerializer, Immutable, Alias("AnalysisHub.SeriesResponse")]
public sealed record SeriesResponse(
    [property: Id(0)] string[] Periods,
    [property: Id(1)] int[] StartDays,
    [property: Id(2)] int[] EndDays,
    [property: Id(3)] long[] Counts,
    [property: Id(4)] long Total,
    [property: Id(5)] long ExcludedMonthPrecision)
{
    public static SeriesResponse From(SeriesResult result) => new(
        result.Points.Select(p => p.Period).ToArray(),
        result.Points.Select(p => p.Start.DayNumber).ToArray(),
        result.Points.Select(p => p.End.DayNumber).ToArray(),
        result.Points.Select(p => p.Count).ToArray(),
        result.Total, result.ExcludedMonthPrecision);

    public SeriesResult ToResult() => new(
        Periods.Select((p, i) => new SeriesPoint(p, DateOnly.FromDayNumber(StartDays[i]), DateOnly.FromDayNumber(EndDays[i]), Counts[i])).ToList(),
        Total, ExcludedMonthPrecision);
}
