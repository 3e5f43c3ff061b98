using AnalysisHub.Domain.Cells;

namespace AnalysisHub.Contracts;

/// <summary>A footprint's <see cref="FeedExtent"/>s on the wire: feed indexes and day numbers, in step.</summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.FeedExtents")]
public sealed record FeedExtents(
    [property: Id(0)] int[] Feeds,
    [property: Id(1)] int[] FirstDays,
    [property: Id(2)] int[] LastDays)
{
    public static FeedExtents From(IReadOnlyList<FeedExtent> extents) => new(
        extents.Select(e => e.Feed).ToArray(),
        extents.Select(e => e.First.DayNumber).ToArray(),
        extents.Select(e => e.Last.DayNumber).ToArray());

    public IReadOnlyList<FeedExtent> ToExtents() =>
        Feeds.Select((feed, i) => new FeedExtent(feed, DateOnly.FromDayNumber(FirstDays[i]), DateOnly.FromDayNumber(LastDays[i]))).ToList();
}
