using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;

namespace AnalysisHub.Contracts;

/// <summary>A series question as it crosses a grain call (days as day numbers, granularity as its enum value).</summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.SeriesRequest")]
public sealed record SeriesRequest(
    [property: Id(0)] int Feed,
    [property: Id(1)] int[] Categories,
    [property: Id(2)] uint RequiredFlags,
    [property: Id(3)] int FromDay,
    [property: Id(4)] int ToDay,
    [property: Id(5)] int Granularity)
{
    public static SeriesRequest From(SeriesQuery query) => new(query.Feed, query.Categories.ToArray(), query.RequiredFlags,
        query.Range.From.DayNumber, query.Range.To.DayNumber, (int)query.Granularity);

    public SeriesQuery ToQuery() => new(Feed, Categories, RequiredFlags,
        new DateRange(DateOnly.FromDayNumber(FromDay), DateOnly.FromDayNumber(ToDay)), (Granularity)Granularity);
}
