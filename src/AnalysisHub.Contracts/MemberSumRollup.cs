using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Rollups;

namespace AnalysisHub.Contracts;

/// <summary>
/// Answers for a footprint that has no rollup grain of its own (one defined at run time) by asking its member
/// authorities the same question and summing their answers (<see cref="MemberSums"/>). Nothing is pushed to it, so
/// defining such a footprint adds no work to ingest; each of its answers costs one call per member instead.
/// </summary>
/// <remarks>
/// Not a grain: a stand-in for one, made where the question is asked. Live listeners subscribe to the members
/// themselves (their changes are the footprint's), so it takes no subscriptions.
/// </remarks>
internal sealed class MemberSumRollup(IReadOnlyList<IRollupGrain> members) : IRollupGrain
{
    public async Task<SeriesResult> GetSeries(SeriesQuery query) =>
        MemberSums.Series(await Task.WhenAll(members.Select(m => m.GetSeries(query))));

    public async Task<long[]> GetHourOfWeekProfile(int feed, int[] categories, int firstMonth, int lastMonth) =>
        MemberSums.Profile(await Task.WhenAll(members.Select(m => m.GetHourOfWeekProfile(feed, categories, firstMonth, lastMonth))));

    public async Task<FeedExtent[]> GetExtents() => MemberSums.Extents(await Task.WhenAll(members.Select(m => m.GetExtents())));

    public async Task<int> GetCellCount() => (await Task.WhenAll(members.Select(m => m.GetCellCount()))).Sum();

    public Task Subscribe(IRollupObserver observer) =>
        throw new NotSupportedException("a footprint summed from its members is listened to through its members");

    public Task Unsubscribe(IRollupObserver observer) =>
        throw new NotSupportedException("a footprint summed from its members is listened to through its members");
}
