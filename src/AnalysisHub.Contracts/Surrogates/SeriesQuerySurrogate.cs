using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;
using Orleans.Serialization.Cloning;

namespace AnalysisHub.Contracts.Surrogates;

/// <summary>
/// How a <see cref="SeriesQuery"/> crosses a grain call: the domain type stays free of Orleans, and this is only
/// its wire form (days as day numbers, the granularity as its value), never a second type in the code.
/// </summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.SeriesQuery")]
public readonly record struct SeriesQuerySurrogate(
    [property: Id(0)] int Feed,
    [property: Id(1)] int[] Categories,
    [property: Id(2)] uint RequiredFlags,
    [property: Id(3)] int FromDay,
    [property: Id(4)] int ToDay,
    [property: Id(5)] int Granularity);

[RegisterConverter]
public sealed class SeriesQueryConverter : IConverter<SeriesQuery, SeriesQuerySurrogate>
{
    public SeriesQuery ConvertFromSurrogate(in SeriesQuerySurrogate surrogate) => new(
        surrogate.Feed, surrogate.Categories, surrogate.RequiredFlags,
        new DateRange(DateOnly.FromDayNumber(surrogate.FromDay), DateOnly.FromDayNumber(surrogate.ToDay)), (Granularity)surrogate.Granularity);

    public SeriesQuerySurrogate ConvertToSurrogate(in SeriesQuery value) => new(
        value.Feed, [.. value.Categories], value.RequiredFlags, value.Range.From.DayNumber, value.Range.To.DayNumber, (int)value.Granularity);
}

/// <summary>A query is never changed after it is made, so a call within a silo passes it as it is.</summary>
[RegisterCopier]
public sealed class SeriesQueryCopier : IDeepCopier<SeriesQuery>
{
    public SeriesQuery? DeepCopy(SeriesQuery? input, CopyContext context) => input;
}
