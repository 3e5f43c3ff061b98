using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Time;

namespace AnalysisHub.Domain.Rollups;

/// <summary>
/// One source's counts over whole months: <see cref="PerDay"/>, a day at a time from the first day of
/// <see cref="FirstMonth"/>, of records known to the day or the instant; <see cref="PerMonth"/>, a month at a time,
/// of records known only to their month.
/// </summary>
public sealed record DayCounts(int FirstMonth, long[] PerDay, long[] PerMonth)
{
    /// <summary>The whole months around a range: the range a source is read over so that every month is complete.</summary>
    public static DateRange MonthsAround(DateRange range) =>
        new(MonthIndex.FirstDay(MonthIndex.Of(range.From)), MonthIndex.LastDay(MonthIndex.Of(range.To)));

    /// <summary>
    /// The counts from a source's day series and month series over <see cref="MonthsAround"/> of a range: a month's
    /// records known only to their month are its month point less its days, as the month lies wholly inside.
    /// </summary>
    public static DayCounts From(SeriesResult days, SeriesResult months)
    {
        var first = MonthIndex.Of(months.Points[0].Start);
        var perDay = days.Points.Select(p => p.Count).ToArray();
        var perMonth = new long[months.Points.Count];
        var day = 0;
        for (var m = 0; m < perMonth.Length; m++)
        {
            var length = MonthIndex.LastDay(first + m).DayNumber - MonthIndex.FirstDay(first + m).DayNumber + 1;
            long inDays = 0;
            for (var d = 0; d < length; d++) inDays += perDay[day + d];
            day += length;
            perMonth[m] = months.Points[m].Count - inDays;
        }
        return new DayCounts(first, perDay, perMonth);
    }
}
