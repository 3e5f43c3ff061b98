using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Surveillance;

/// <summary>
/// The rules over sequences of periods that monthly (and weekly) surveillance stands on, against models written from
/// statistics.md with nothing but year-and-month arithmetic: which period is the last complete one, which months a
/// monthly EARS baseline reads, and which months Farrington-flexible treats as "the same months" of earlier years —
/// across year ends, leap years and 53-week years.
/// </summary>
public class MonthlyWindowPropertyTests
{
    private static readonly Gen<DateOnly> Days = Gen.Int[new DateOnly(1901, 1, 1).DayNumber, new DateOnly(2099, 12, 31).DayNumber]
        .Select(DateOnly.FromDayNumber);

    /// <summary>A month as a single number, year × 12 + (month − 1): the model's only arithmetic.</summary>
    private static int MonthNumber(int year, int month) => year * 12 + month - 1;

    private static (int Year, int Month) FromMonthNumber(int n) => (Math.DivRem(n, 12).Quotient, n % 12 + 1);

    private static string MonthLabel(int n) => $"{FromMonthNumber(n).Year:D4}-{FromMonthNumber(n).Month:D2}";

    [Fact]
    public void The_last_complete_month_is_the_calendar_month_before_todays()
    {
        Days.Sample(today =>
        {
            var (year, month) = FromMonthNumber(MonthNumber(today.Year, today.Month) - 1);
            var last = Period.LastComplete(today, Granularity.Month);
            return last.Label == $"{year:D4}-{month:D2}" && last.Start == new DateOnly(year, month, 1)
                && last.End == new DateOnly(year, month, DateTime.DaysInMonth(year, month)) && last.End < today;
        });
    }

    [Fact]
    public void The_last_complete_week_is_the_monday_to_sunday_before_this_weeks_monday()
    {
        Days.Sample(today =>
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
            // An ISO week belongs to the year of its Thursday, and is numbered from that year's first Thursday.
            var thursday = monday.AddDays(3);
            var label = $"{thursday.Year:D4}-W{(thursday.DayOfYear - 1) / 7 + 1:D2}";
            var last = Period.LastComplete(today, Granularity.Week);
            return last.Label == label && last.Start == monday && last.End == monday.AddDays(6);
        });
    }

    [Fact]
    public void A_month_shifted_by_k_months_is_the_model_month_k_away()
    {
        Gen.Select(Days, Gen.Int[-150, 150]).Sample((day, k) =>
        {
            var month = Period.Containing(day, Granularity.Month);
            var shifted = month.Shift(k);
            var n = MonthNumber(day.Year, day.Month) + k;
            var (year, number) = FromMonthNumber(n);
            return shifted.Label == MonthLabel(n) && shifted.Start == new DateOnly(year, number, 1)
                && shifted.Granularity == Granularity.Month;
        });
    }

    [Fact]
    public void A_monthly_ears_c2_baseline_is_the_seven_months_before_a_two_month_guard_band()
    {
        // A month to test (any, so that windows cross year ends) and counts for every month around it, keyed by label.
        Gen.Select(Days, Gen.Long[0, 40].Array[24]).Sample((day, drawn) =>
        {
            var tested = Period.Containing(day, Granularity.Month);
            var t = MonthNumber(tested.Start.Year, tested.Start.Month);
            var counts = Enumerable.Range(0, 24).ToDictionary(i => MonthLabel(t - 20 + i), i => drawn[i]);

            // The series as the exceedance endpoint and the alert monitor read it: from the tested month shifted back by
            // the method's history, month by month to the tested one.
            var history = Ears.HistoryNeeded(EarsMethod.C2);
            var series = Period.Covering(tested.Shift(-history).Start, tested.End, Granularity.Month).ToList();
            var result = Ears.Evaluate(series.Select(p => counts[p.Label]).ToList(), series.Count - 1, EarsMethod.C2);

            // The model: months t−9 … t−3, sample sd floored at minSigma.
            var baseline = Enumerable.Range(3, 7).Select(k => (double)counts[MonthLabel(t - k)]).ToList();
            var mean = baseline.Average();
            var sd = Math.Max(Ears.DefaultMinSigma, Math.Sqrt(baseline.Sum(y => (y - mean) * (y - mean)) / (baseline.Count - 1)));
            return series.Count == history + 1 && series[0].Label == MonthLabel(t - history) && series[^1].Label == tested.Label
                && result.Tested && Math.Abs(result.Expected!.Value - mean) < 1e-9
                && Math.Abs(result.Threshold!.Value - (mean + Ears.StatisticThreshold * sd)) < 1e-9;
        });
    }

    [Fact]
    public void Monthly_farrington_compares_a_month_with_the_same_months_of_earlier_years()
    {
        Days.Sample(day =>
        {
            var tested = Period.Containing(day, Granularity.Month);
            var o = FarringtonOptions.NoufailyMonthly;
            var back = o.B * o.Frequency + o.W;
            var series = Period.Covering(tested.Shift(-back).Start, tested.End, Granularity.Month).ToList();
            var levels = Farrington.SeasonalLevels(series.Count - 1, 0, o);

            // The model: the window level for the tested calendar month and its neighbours (±1, December and January
            // being neighbours), and a level of its own for each of the other nine calendar months.
            var t = MonthNumber(tested.Start.Year, tested.Start.Month);
            return series.Count == 5 * 12 + 1 + 1 && series.Select((p, i) =>
            {
                var offset = ((MonthNumber(p.Start.Year, p.Start.Month) - t) % 12 + 12) % 12;
                var expected = offset is 0 or 1 or 11 ? o.NoPeriods : offset - 1;
                return levels[i] == expected;
            }).All(x => x);
        });
    }
}
