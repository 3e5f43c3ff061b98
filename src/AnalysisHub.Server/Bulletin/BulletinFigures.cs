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
/// The counts behind one violence measure of a weekly or monthly bulletin, for partner and public bulletins alike: the
/// history of periods up to the bulletin's (its period last), the Wales count, the month-precision records of the
/// period's months (none are left out of a month), the hour-of-week profile of those months and every member
/// authority's count, ranked.
/// </summary>
/// <param name="DataStart">Where the methods' history begins in <paramref name="History"/>: the first period from the
/// footprint's first record for the measure (the periods before are missing, not zeros; see <see cref="RecordedHistory"/>).</param>
internal sealed record BulletinFigures(
    ViolenceMeasure Measure, Granularity Granularity, IReadOnlyList<SeriesPoint> History, int DataStart, long WalesCount,
    long ExcludedMonthPrecision, DateOnly ProfileFrom, DateOnly ProfileTo, long[] Slots, IReadOnlyList<(Footprint Member, long Count)> Members)
{
    /// <summary>Weeks before the current one whose mean the weekly bulletin shows.</summary>
    public const int PreviousWeeks = 4;

    /// <summary>
    /// Months before the current one whose mean the monthly bulletin shows: the quarter before the month. Four weeks are
    /// about the month before a week; a month's own recent past is the months before it, and three are what analysts
    /// use for a rolling comparison (the last quarter) without reaching back into another season.
    /// </summary>
    public const int PreviousMonths = 3;

    /// <summary>How many periods before the bulletin's the previous periods' mean is over.</summary>
    public int PreviousPeriods => Granularity == Granularity.Month ? PreviousMonths : PreviousWeeks;

    public long Count => History[^1].Count;

    /// <summary>The previous periods' counts (fewer only if the history were shorter).</summary>
    public IReadOnlyList<long> Previous => History.Skip(Math.Max(0, History.Count - 1 - PreviousPeriods)).Take(Math.Min(PreviousPeriods, History.Count - 1))
        .Select(p => p.Count).ToList();

    /// <summary>The same period last year: the ISO week holding the date 364 days before the week's Monday (api.md), or
    /// the same calendar month of the year before.</summary>
    public Period SamePeriodLastYear => Granularity == Granularity.Month
        ? Period.Containing(History[^1].Start, Granularity.Month).Shift(-12)
        : Period.Containing(History[^1].Start.AddDays(-364), Granularity.Week);

    public long SamePeriodLastYearCount => History.FirstOrDefault(p => p.Start == SamePeriodLastYear.Start)?.Count ?? 0;

    /// <summary>Farrington-flexible's settings for the bulletin's periods.</summary>
    public FarringtonOptions FarringtonOptions => FarringtonOptions.For(Granularity)!;

    private IReadOnlyList<long>? _counts;

    /// <summary>The counts the methods read, from <see cref="DataStart"/>; the bulletin's period is the last.</summary>
    public IReadOnlyList<long> Counts => _counts ??= History.Skip(DataStart).Select(p => p.Count).ToList();

    /// <summary>EARS C2 (minSigma 0.5) at the period, as the exceedance endpoint tests it; nulls when it cannot be tested.</summary>
    public BulletinExceedance EarsC2()
    {
        if (DataStart >= History.Count) return BulletinExceedance.Untested;
        var e = Ears.Evaluate(Counts, Counts.Count - 1, EarsMethod.C2, Ears.DefaultMinSigma);
        return e.Tested ? new BulletinExceedance(e.Expected, e.Threshold, e.Statistic, e.Alarm) : BulletinExceedance.Untested;
    }

    /// <summary>Farrington-flexible at the period; nulls when it cannot be tested.</summary>
    public BulletinExceedance Farrington()
    {
        if (DataStart >= History.Count) return BulletinExceedance.Untested;
        var f = Domain.Statistics.Farrington.Evaluate(Counts, Counts.Count - 1, FarringtonOptions);
        return f is null ? BulletinExceedance.Untested
            : new BulletinExceedance(f.Expected, f.Threshold, f.Threshold > f.Expected ? (Count - f.Expected) / (f.Threshold - f.Expected) : null, f.Alarm);
    }

    public static async Task<BulletinFigures> GatherAsync(ViolenceMeasure measure, SeriesQuery query, Period period, Footprint footprint,
        Footprint wales, IReadOnlyList<Footprint> members, Boundaries boundaries, IGrainFactory grains, TimeSpan timeout)
    {
        // History enough for Farrington-flexible and EARS C2 before the period, and for the same period last year.
        var options = FarringtonOptions.For(period.Granularity)!;
        var periodsBefore = Math.Max(RecordedHistory.PeriodsBefore(options),
            Math.Max(RecordedHistory.PeriodsBefore(EarsMethod.C2), period.Granularity == Granularity.Month ? 12 : 53));
        var historyRequest = query with { Range = new DateRange(period.Shift(-periodsBefore).Start, period.End) };
        var periodRequest = query;
        // Month-precision records (data.police.uk months have no day) cannot be placed in a week: count them over the
        // week's months. A month holds them, so a monthly bulletin leaves none out.
        int firstMonth = MonthIndex.Of(period.Start), lastMonth = MonthIndex.Of(period.End);
        var monthsRequest = query with { Range = new DateRange(MonthIndex.FirstDay(firstMonth), MonthIndex.LastDay(lastMonth)) };

        var rollup = RollupGrains.For(grains, footprint);
        // The footprint's own counts on the boundaries asked; its time profile stays on its members as they stand.
        Task<SeriesResult> Read(SeriesQuery q) => FootprintSeries.ReadAsync(grains, footprint, q, boundaries, timeout);
        var seriesTask = Read(historyRequest);
        var monthsTask = Read(monthsRequest);
        var profileTask = rollup.GetHourOfWeekProfile(query.Feed, query.Categories.ToArray(), firstMonth, lastMonth).WaitAsync(timeout);
        var walesTask = RollupGrains.For(grains, wales).GetSeries(periodRequest).WaitAsync(timeout);
        var memberTasks = members.Select(m => RollupGrains.For(grains, m).GetSeries(periodRequest).WaitAsync(timeout)).ToList();
        await Task.WhenAll(seriesTask, monthsTask, profileTask, walesTask, Task.WhenAll(memberTasks));
        var history = seriesTask.Result.Points;
        var dataStart = await RecordedHistory.DataStartAsync(Read, historyRequest, history.Select(p => p.Count).ToList());

        var ranked = members.Select((m, i) => (Member: m, Count: memberTasks[i].Result.Total))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Member.Name, StringComparer.Ordinal).ToList();
        return new BulletinFigures(measure, period.Granularity, history, dataStart, walesTask.Result.Total,
            monthsTask.Result.ExcludedMonthPrecision, MonthIndex.FirstDay(firstMonth), MonthIndex.LastDay(lastMonth),
            profileTask.Result, ranked);
    }
}
