using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Shared;

namespace AnalysisHub.Server.Bulletin;

/// <summary>
/// The counts behind one violence measure of a weekly bulletin, for partner and public bulletins alike: the weekly
/// history up to the week (the week last), the Wales count, the month-precision records of the week's months, the
/// hour-of-week profile of those months and every member authority's count, ranked.
/// </summary>
/// <param name="DataStart">Where the methods' history begins in <paramref name="History"/>: the first week from the
/// footprint's first record for the measure (the weeks before are missing, not zeros; see <see cref="RecordedHistory"/>).</param>
internal sealed record BulletinFigures(
    ViolenceMeasure Measure, IReadOnlyList<SeriesPoint> History, int DataStart, long WalesCount, long ExcludedMonthPrecision,
    DateOnly ProfileFrom, DateOnly ProfileTo, long[] Slots, IReadOnlyList<(Footprint Member, long Count)> Members)
{
    /// <summary>Weeks before the current one whose mean the bulletin shows.</summary>
    public const int PreviousWeeks = 4;

    public long Count => History[^1].Count;

    /// <summary>The previous four weeks' counts (fewer only if the history were shorter).</summary>
    public IReadOnlyList<long> Previous => History.Skip(Math.Max(0, History.Count - 1 - PreviousWeeks)).Take(Math.Min(PreviousWeeks, History.Count - 1))
        .Select(p => p.Count).ToList();

    /// <summary>The ISO week holding the date 364 days before the week's Monday.</summary>
    public Period SameWeekLastYear => Period.Containing(History[^1].Start.AddDays(-364), Granularity.Week);

    public long SameWeekLastYearCount => History.FirstOrDefault(p => p.Start == SameWeekLastYear.Start)?.Count ?? 0;

    private IReadOnlyList<long>? _counts;

    /// <summary>The counts the methods read, from <see cref="DataStart"/>; the week is the last.</summary>
    public IReadOnlyList<long> Counts => _counts ??= History.Skip(DataStart).Select(p => p.Count).ToList();

    /// <summary>EARS C2 (minSigma 0.5) at the week, as the exceedance endpoint tests it; nulls when it cannot be tested.</summary>
    public BulletinExceedance EarsC2()
    {
        if (DataStart >= History.Count) return BulletinExceedance.Untested;
        var e = Ears.Evaluate(Counts, Counts.Count - 1, EarsMethod.C2, Ears.DefaultMinSigma);
        return e.Tested ? new BulletinExceedance(e.Expected, e.Threshold, e.Statistic, e.Alarm) : BulletinExceedance.Untested;
    }

    /// <summary>Farrington-flexible at the week; nulls when it cannot be tested.</summary>
    public BulletinExceedance Farrington()
    {
        if (DataStart >= History.Count) return BulletinExceedance.Untested;
        var f = Domain.Statistics.Farrington.Evaluate(Counts, Counts.Count - 1, FarringtonOptions.Noufaily);
        return f is null ? BulletinExceedance.Untested
            : new BulletinExceedance(f.Expected, f.Threshold, f.Threshold > f.Expected ? (Count - f.Expected) / (f.Threshold - f.Expected) : null, f.Alarm);
    }

    public static async Task<BulletinFigures> GatherAsync(ViolenceMeasure measure, SeriesQuery query, Period week, Footprint footprint,
        Footprint wales, IReadOnlyList<Footprint> members, IGrainFactory grains, TimeSpan timeout)
    {
        // History enough for Farrington-flexible and EARS C2 before the week, and for the same week last year.
        var weeksBefore = Math.Max(RecordedHistory.PeriodsBefore(FarringtonOptions.Noufaily),
            Math.Max(RecordedHistory.PeriodsBefore(EarsMethod.C2), 53));
        var historyRequest = query with { Range = new DateRange(week.Start.AddDays(-7 * weeksBefore), week.End) };
        var weekRequest = query;
        // Month-precision records (data.police.uk months have no day) cannot be placed in a week: count them over the week's months.
        int firstMonth = MonthIndex.Of(week.Start), lastMonth = MonthIndex.Of(week.End);
        var monthsRequest = query with { Range = new DateRange(MonthIndex.FirstDay(firstMonth), MonthIndex.LastDay(lastMonth)) };

        var rollup = RollupGrains.For(grains, footprint);
        var seriesTask = rollup.GetSeries(historyRequest).WaitAsync(timeout);
        var monthsTask = rollup.GetSeries(monthsRequest).WaitAsync(timeout);
        var profileTask = rollup.GetHourOfWeekProfile(query.Feed, query.Categories.ToArray(), firstMonth, lastMonth).WaitAsync(timeout);
        var walesTask = RollupGrains.For(grains, wales).GetSeries(weekRequest).WaitAsync(timeout);
        var memberTasks = members.Select(m => RollupGrains.For(grains, m).GetSeries(weekRequest).WaitAsync(timeout)).ToList();
        await Task.WhenAll(seriesTask, monthsTask, profileTask, walesTask, Task.WhenAll(memberTasks));
        var history = seriesTask.Result.Points;
        var dataStart = await RecordedHistory.DataStartAsync(rollup, historyRequest, history.Select(p => p.Count).ToList(), timeout);

        var ranked = members.Select((m, i) => (Member: m, Count: memberTasks[i].Result.Total))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Member.Name, StringComparer.Ordinal).ToList();
        return new BulletinFigures(measure, history, dataStart, walesTask.Result.Total,
            monthsTask.Result.ExcludedMonthPrecision, MonthIndex.FirstDay(firstMonth), MonthIndex.LastDay(lastMonth),
            profileTask.Result, ranked);
    }
}
