using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Time;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Indicators;

public class IndicatorPeriodsTests
{
    private static readonly Gen<DateOnly> Days = Gen.Int[new DateOnly(1901, 1, 1).DayNumber, new DateOnly(2099, 12, 31).DayNumber]
        .Select(DateOnly.FromDayNumber);

    /// <summary>Any day, but one time in three a day around a leap day (28 February to 1 March of a leap or a
    /// following year), where the year-earlier rule has its one exception; uniform days would reach it rarely.</summary>
    private static readonly Gen<DateOnly> DaysNearLeapDays = Gen.Frequency(
        (2, Days),
        (1, Gen.Select(Gen.Int[476, 524], Gen.Int[0, 1], Gen.Int[0, 2])
            .Select((quadrennium, after, offset) => new DateOnly(4 * quadrennium + after, 2, 28).AddDays(offset))));

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");

    [Theory]
    [InlineData("2009-09-30", "2008-10-01")] // the confidence agreement's first survey year
    [InlineData("2008-09-30", "2007-10-01")] // its baseline
    [InlineData("2012-02-29", "2011-03-01")] // a year before 29 February is 28 February
    [InlineData("2013-02-28", "2012-02-29")]
    [InlineData("2012-03-01", "2011-03-02")]
    [InlineData("2011-03-31", "2010-04-01")]
    [InlineData("2026-12-31", "2026-01-01")]
    [InlineData("2025-01-01", "2024-01-02")]
    public void Twelve_months_ending_on_a_day_start_the_day_after_the_same_date_a_year_earlier(string end, string from) =>
        Assert.Equal(new DateRange(Day(from), Day(end)), IndicatorPeriods.TwelveMonthsEnding(Day(end)));

    [Theory]
    [InlineData("2008-10-01", "2009-09-30", "2007-10-02", "2008-09-30")] // 365 days back, so not the 366-day baseline year
    [InlineData("2009-10-01", "2010-09-30", "2008-10-01", "2009-09-30")]
    [InlineData("2026-11-01", "2026-11-30", "2026-10-02", "2026-10-31")] // a 30-day month's previous 30 days
    [InlineData("2026-03-15", "2026-03-15", "2026-03-14", "2026-03-14")]
    public void The_previous_period_has_the_same_number_of_days_and_ends_the_day_before(string from, string to, string previousFrom, string previousTo) =>
        Assert.Equal(new DateRange(Day(previousFrom), Day(previousTo)), IndicatorPeriods.Previous(new DateRange(Day(from), Day(to))));

    [Theory]
    [InlineData("2026-12-03", "2026-11-30")]
    [InlineData("2026-12-01", "2026-11-30")]
    [InlineData("2026-11-30", "2026-10-31")] // the last day of a month is not yet its end
    [InlineData("2026-01-15", "2025-12-31")]
    [InlineData("2024-03-01", "2024-02-29")]
    [InlineData("2024-02-29", "2024-01-31")]
    public void The_default_as_of_is_the_end_of_the_last_complete_month(string today, string asOf) =>
        Assert.Equal(Day(asOf), IndicatorPeriods.DefaultAsOf(Day(today)));

    [Fact]
    public void A_period_ending_before_it_starts_has_no_previous_period() =>
        Assert.Throws<ArgumentException>(() => IndicatorPeriods.Previous(new DateRange(Day("2026-02-02"), Day("2026-02-01"))));

    [Fact]
    public void Twelve_months_ending_match_a_model_of_year_earlier_dates()
    {
        // The model spells out DateTime.AddYears(-1): the same month and day a year earlier, except that 29 February
        // becomes 28 February; the period starts the following day.
        DaysNearLeapDays.Sample(end =>
        {
            var yearEarlier = end is { Month: 2, Day: 29 } ? new DateOnly(end.Year - 1, 2, 28) : new DateOnly(end.Year - 1, end.Month, end.Day);
            var period = IndicatorPeriods.TwelveMonthsEnding(end);
            return period.To == end && period.From.DayNumber == yearEarlier.DayNumber + 1 && period.Days is 365 or 366;
        });
    }

    [Fact]
    public void Consecutive_twelve_month_periods_ending_a_year_apart_tile_without_gap_or_overlap()
    {
        DaysNearLeapDays.Sample(end =>
        {
            var later = IndicatorPeriods.TwelveMonthsEnding(end);
            var earlier = IndicatorPeriods.TwelveMonthsEnding(later.From.AddDays(-1));
            // From any end except 29 February, the period before starts the day after the same date two years back.
            return earlier.To.DayNumber + 1 == later.From.DayNumber
                && (end is { Month: 2, Day: 29 } || earlier.From.DayNumber == new DateOnly(end.Year - 2, end.Month, Math.Min(end.Day, DateTime.DaysInMonth(end.Year - 2, end.Month))).DayNumber + 1);
        });
    }

    [Fact]
    public void The_previous_period_is_as_long_and_ends_the_day_before()
    {
        Gen.Select(Days, Gen.Int[0, 800]).Sample((from, extra) =>
        {
            var period = new DateRange(from, from.AddDays(extra));
            var previous = IndicatorPeriods.Previous(period);
            return previous.Days == period.Days && previous.To.DayNumber == period.From.DayNumber - 1
                && previous.From.DayNumber == period.From.DayNumber - (period.To.DayNumber - period.From.DayNumber + 1);
        });
    }

    [Fact]
    public void The_default_as_of_is_the_day_before_the_first_of_todays_month()
    {
        DaysNearLeapDays.Sample(today =>
        {
            var asOf = IndicatorPeriods.DefaultAsOf(today);
            return asOf.DayNumber == new DateOnly(today.Year, today.Month, 1).DayNumber - 1 && asOf < today
                && asOf.Day == DateTime.DaysInMonth(asOf.Year, asOf.Month);
        });
    }
}
