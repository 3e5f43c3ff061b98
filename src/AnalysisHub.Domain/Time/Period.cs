using System.Globalization;

namespace AnalysisHub.Domain.Time;

/// <summary>
/// One calendar period: a day (<c>2025-07-01</c>), ISO week (<c>2025-W27</c>), month (<c>2025-07</c>),
/// quarter (<c>2025-Q3</c>), UK financial year April–March (<c>2025-26</c>) or year (<c>2025</c>).
/// <see cref="Start"/> and <see cref="End"/> are the period's own first and last days, inclusive.
/// </summary>
public readonly record struct Period(Granularity Granularity, DateOnly Start, DateOnly End, string Label)
{
    public static Period Containing(DateOnly day, Granularity granularity)
    {
        switch (granularity)
        {
            case Granularity.Day:
                return new(granularity, day, day, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case Granularity.Week:
            {
                var date = day.ToDateTime(TimeOnly.MinValue);
                int year = ISOWeek.GetYear(date), week = ISOWeek.GetWeekOfYear(date);
                var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
                return new(granularity, monday, monday.AddDays(6), $"{year:D4}-W{week:D2}");
            }
            case Granularity.Month:
            {
                var first = new DateOnly(day.Year, day.Month, 1);
                return new(granularity, first, first.AddMonths(1).AddDays(-1), $"{day.Year:D4}-{day.Month:D2}");
            }
            case Granularity.Quarter:
            {
                var quarter = (day.Month - 1) / 3 + 1;
                var first = new DateOnly(day.Year, (quarter - 1) * 3 + 1, 1);
                return new(granularity, first, first.AddMonths(3).AddDays(-1), $"{day.Year:D4}-Q{quarter}");
            }
            case Granularity.FinancialYear:
            {
                var startYear = day.Month >= 4 ? day.Year : day.Year - 1;
                var first = new DateOnly(startYear, 4, 1);
                return new(granularity, first, first.AddYears(1).AddDays(-1), $"{startYear:D4}-{(startYear + 1) % 100:D2}");
            }
            case Granularity.Year:
                return new(granularity, new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31), $"{day.Year:D4}");
            default:
                throw new ArgumentOutOfRangeException(nameof(granularity), granularity, null);
        }
    }

    /// <summary>Every period that intersects <paramref name="from"/>..<paramref name="to"/>, in order.</summary>
    public static IEnumerable<Period> Covering(DateOnly from, DateOnly to, Granularity granularity)
    {
        for (var p = Containing(from, granularity); p.Start <= to; p = Containing(p.End.AddDays(1), granularity))
            yield return p;
    }

    /// <summary>
    /// The period <paramref name="count"/> periods after this one (before it when negative), of the same granularity:
    /// counted in the calendar's own periods (months are months, not 30 days), so a window reaches back across year
    /// ends and leap days as a dense series of these periods does.
    /// </summary>
    public Period Shift(int count)
    {
        var start = Granularity switch
        {
            Granularity.Day => Start.AddDays(count),
            Granularity.Week => Start.AddDays(7 * count),
            Granularity.Month => Start.AddMonths(count),
            Granularity.Quarter => Start.AddMonths(3 * count),
            Granularity.FinancialYear or Granularity.Year => Start.AddYears(count),
            _ => throw new ArgumentOutOfRangeException(nameof(Granularity), Granularity, null),
        };
        return Containing(start, Granularity);
    }

    /// <summary>The last period of <paramref name="granularity"/> wholly before <paramref name="today"/>'s: the last
    /// complete week before this week, the last complete month before this month.</summary>
    public static Period LastComplete(DateOnly today, Granularity granularity) =>
        Containing(Containing(today, granularity).Start.AddDays(-1), granularity);

    /// <summary>Parses a calendar month label such as <c>2025-07</c>.</summary>
    public static bool TryParseMonth(string label, out Period month)
    {
        month = default;
        if (label.Length != 7 || label[4] != '-') return false;
        if (!int.TryParse(label.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(label.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ||
            year < 1 || number is < 1 or > 12) return false;
        month = Containing(new DateOnly(year, number, 1), Granularity.Month);
        return true;
    }

    /// <summary>Parses an ISO week label such as <c>2025-W27</c>.</summary>
    public static bool TryParseWeek(string label, out Period week)
    {
        week = default;
        if (label.Length != 8 || label[4] != '-' || label[5] != 'W') return false;
        if (!int.TryParse(label.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(label.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ||
            year < 1 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
        week = Containing(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday)), Granularity.Week);
        return true;
    }
}
