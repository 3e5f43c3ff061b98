using AnalysisHub.Domain.Time;

namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// The periods the confidence indicator is published over: rolling 12 months ending on a day, the period of the
/// same length before it (for the change test), and the day a figure is "as of" when none is asked for.
/// </summary>
public static class IndicatorPeriods
{
    /// <summary>
    /// The 12 months ending on <paramref name="end"/>: from the day after the same date a year earlier. A year before
    /// 29 February is 28 February, so 12 months to 2012-02-29 start on 2011-03-01 (and 12 months to 2013-02-28 on
    /// 2012-02-29): every such period is 365 or 366 days and they tile the calendar without gaps.
    /// </summary>
    public static DateRange TwelveMonthsEnding(DateOnly end) => new(end.AddYears(-1).AddDays(1), end);

    /// <summary>
    /// The period of the same number of days that ends the day before <paramref name="period"/> starts, so a change is
    /// tested between equal lengths. Across a leap day that is not the previous 12 months: before the 365 days
    /// 2008-10-01…2009-09-30 come 2007-10-02…2008-09-30, where the 12 months to 2008-09-30 start on 2007-10-01.
    /// </summary>
    public static DateRange Previous(DateRange period)
    {
        if (period.To < period.From) throw new ArgumentException("A period cannot end before it starts.", nameof(period));
        return new(period.From.AddDays(-period.Days), period.From.AddDays(-1));
    }

    /// <summary>
    /// The end of the last complete calendar month before <paramref name="today"/>. Today's month is not complete
    /// even on its last day (today's answers may still arrive), so on 2026-11-30 it is 2026-10-31.
    /// </summary>
    public static DateOnly DefaultAsOf(DateOnly today) => Period.LastComplete(today, Granularity.Month).End;
}
