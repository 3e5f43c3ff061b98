using AnalysisHub.Domain.Cells;

namespace AnalysisHub.Domain.Rollups;

/// <summary>
/// A footprint's answers as the sums of its members' answers to the same question: what a footprint with no rollup
/// of its own (one defined at run time) answers with. Members never overlap, so each record counts once.
/// </summary>
public static class MemberSums
{
    /// <summary>The members' series of one query, period by period (they share their periods, as they share the query).</summary>
    public static SeriesResult Series(IReadOnlyList<SeriesResult> members)
    {
        var first = members[0];
        var counts = new long[first.Points.Count];
        long total = 0, excluded = 0;
        foreach (var member in members)
        {
            for (var i = 0; i < counts.Length; i++) counts[i] += member.Points[i].Count;
            total += member.Total;
            excluded += member.ExcludedMonthPrecision;
        }
        return new SeriesResult(first.Points.Select((p, i) => p with { Count = counts[i] }).ToList(), total, excluded);
    }

    public static long[] Profile(IReadOnlyList<long[]> members)
    {
        var sum = new long[members[0].Length];
        foreach (var member in members)
            for (var i = 0; i < sum.Length; i++) sum[i] += member[i];
        return sum;
    }

    /// <summary>Per feed, the earliest first day and the latest last day of any member.</summary>
    public static FeedExtent[] Extents(IEnumerable<FeedExtent[]> members) => members.SelectMany(m => m)
        .GroupBy(e => e.Feed)
        .Select(g => new FeedExtent(g.Key, g.Min(e => e.First), g.Max(e => e.Last)))
        .OrderBy(e => e.Feed)
        .ToArray();
}
