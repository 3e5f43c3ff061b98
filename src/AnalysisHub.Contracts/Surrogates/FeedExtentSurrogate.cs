using AnalysisHub.Domain.Cells;

namespace AnalysisHub.Contracts.Surrogates;

/// <summary>How a <see cref="FeedExtent"/> crosses a grain call (days as day numbers).</summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.FeedExtent")]
public readonly record struct FeedExtentSurrogate(
    [property: Id(0)] int Feed,
    [property: Id(1)] int FirstDay,
    [property: Id(2)] int LastDay);

[RegisterConverter]
public sealed class FeedExtentConverter : IConverter<FeedExtent, FeedExtentSurrogate>
{
    public FeedExtent ConvertFromSurrogate(in FeedExtentSurrogate surrogate) =>
        new(surrogate.Feed, DateOnly.FromDayNumber(surrogate.FirstDay), DateOnly.FromDayNumber(surrogate.LastDay));

    public FeedExtentSurrogate ConvertToSurrogate(in FeedExtent value) => new(value.Feed, value.First.DayNumber, value.Last.DayNumber);
}
