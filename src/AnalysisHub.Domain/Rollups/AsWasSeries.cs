using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Domain.Rollups;

/// <summary>
/// A footprint's series on its boundaries as they were: each day counts the members of that day and nothing
/// outside the footprint's life; a record known only to its month follows the membership of the month's first day.
/// </summary>
public static class AsWasSeries
{
    /// <summary>
    /// Where the counts come from: the footprint's own rollup when its members never changed (only its life then
    /// masks days), otherwise each authority it ever had.
    /// </summary>
    public static IReadOnlyList<Authority>? SourcesFor(Footprint footprint) =>
        footprint.HasFixedMembership ? null : footprint.Membership.SelectMany(p => p.Members).Distinct().OrderBy(a => a.Index).ToList();

    /// <summary>
    /// The series from the sources' counts over <see cref="DayCounts.MonthsAround"/> the query's range:
    /// <paramref name="rollup"/> when <see cref="SourcesFor"/> gave none, else <paramref name="authorities"/>.
    /// </summary>
    public static SeriesResult Calculate(Footprint footprint, SeriesQuery query, DayCounts? rollup,
        IReadOnlyDictionary<Authority, DayCounts> authorities)
    {
        var (from, to) = (query.Range.From, query.Range.To);
        int firstMonth = MonthIndex.Of(from), lastMonth = MonthIndex.Of(to);
        var perDay = new long[query.Range.Days];
        var perMonth = new long[lastMonth - firstMonth + 1];
        var aligned = MonthIndex.FirstDay(firstMonth).DayNumber;

        // A day's (or a month's) count: the rollup's, or the sum of that day's members'.
        long Read(IReadOnlyList<Authority> members, bool day, int offset)
        {
            if (rollup is not null) return day ? rollup.PerDay[offset] : rollup.PerMonth[offset];
            long n = 0;
            foreach (var a in members)
                n += day ? authorities[a].PerDay[offset] : authorities[a].PerMonth[offset];
            return n;
        }

        for (var d = 0; d < perDay.Length; d++)
        {
            var members = footprint.MembersOn(from.AddDays(d));
            if (members.Count > 0) perDay[d] = Read(members, day: true, from.DayNumber + d - aligned);
        }
        for (var m = 0; m < perMonth.Length; m++)
        {
            var members = footprint.MembersOn(MonthIndex.FirstDay(firstMonth + m));
            if (members.Count > 0) perMonth[m] = Read(members, day: false, m);
        }
        return SeriesCalculator.FromCounts(query, perDay, perMonth);
    }

    /// <summary>
    /// The population a rate of the days <paramref name="from"/>..<paramref name="to"/> is taken over: the members'
    /// on the first of those days the footprint existed, or, when it existed on none, its members as they stand.
    /// </summary>
    public static long PopulationOver(Footprint footprint, DateOnly from, DateOnly to) =>
        footprint.FirstMembersBetween(from, to) is { } members ? members.Sum(a => a.Footprint.Population) : footprint.Population;
}
