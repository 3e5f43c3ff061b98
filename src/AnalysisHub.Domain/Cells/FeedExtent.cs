namespace AnalysisHub.Domain.Cells;

/// <summary>
/// The first and last day on which a feed holds any count in a footprint. A month-precision record spans its
/// whole month, so it stretches the extent to that month's first and last days.
/// </summary>
public readonly record struct FeedExtent(int Feed, DateOnly First, DateOnly Last)
{
    /// <summary>This extent widened to include <paramref name="other"/> (of the same feed).</summary>
    public FeedExtent Union(FeedExtent other) =>
        new(Feed, other.First < First ? other.First : First, other.Last > Last ? other.Last : Last);
}
