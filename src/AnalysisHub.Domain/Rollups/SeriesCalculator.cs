using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Time;

namespace AnalysisHub.Domain.Rollups;

/// <summary>Turns a footprint's cells, or its day and month counts, into a dense period series.</summary>
public static class SeriesCalculator
{
    public static SeriesResult Calculate(CellTable cells, SeriesQuery query)
    {
        var (from, to) = (query.Range.From, query.Range.To);
        var perDay = new long[query.Range.Days];
        cells.SumDays(query.Feed, query.Categories, query.RequiredFlags, from, to, perDay);

        int firstMonth = MonthIndex.Of(from), lastMonth = MonthIndex.Of(to);
        var perMonth = new long[lastMonth - firstMonth + 1];
        cells.SumMonths(query.Feed, query.Categories, query.RequiredFlags, firstMonth, lastMonth, perMonth);
        return FromCounts(query, perDay, perMonth);
    }

    /// <summary>
    /// The series of <paramref name="query"/> from its counts: <paramref name="perDay"/>, one per day of the range, of
    /// records known to the day or the instant; <paramref name="perMonth"/>, one per month the range touches, of
    /// records known only to their month.
    /// </summary>
    public static SeriesResult FromCounts(SeriesQuery query, ReadOnlySpan<long> perDay, ReadOnlySpan<long> perMonth)
    {
        var (from, to) = (query.Range.From, query.Range.To);
        int firstMonth = MonthIndex.Of(from), lastMonth = MonthIndex.Of(to);
        var points = new List<SeriesPoint>();
        long total = 0, includedMonthPrecision = 0;
        foreach (var period in Period.Covering(from, to, query.Granularity))
        {
            long count = 0;
            var start = Math.Max(period.Start.DayNumber, from.DayNumber);
            var end = Math.Min(period.End.DayNumber, to.DayNumber);
            for (var day = start; day <= end; day++) count += perDay[day - from.DayNumber];
            if (query.Granularity.CountsMonthPrecision())
            {
                // A month-precision record counts only when its whole month lies inside the range (and so,
                // for month and longer periods, inside this period).
                for (var month = MonthIndex.Of(period.Start); month <= MonthIndex.Of(period.End); month++)
                {
                    if (month < firstMonth || month > lastMonth) continue;
                    if (MonthIndex.FirstDay(month) < from || MonthIndex.LastDay(month) > to) continue;
                    count += perMonth[month - firstMonth];
                    includedMonthPrecision += perMonth[month - firstMonth];
                }
            }
            total += count;
            points.Add(new SeriesPoint(period.Label, period.Start, period.End, count));
        }
        long allMonthPrecision = 0;
        foreach (var n in perMonth) allMonthPrecision += n;
        return new SeriesResult(points, total, allMonthPrecision - includedMonthPrecision);
    }
}
