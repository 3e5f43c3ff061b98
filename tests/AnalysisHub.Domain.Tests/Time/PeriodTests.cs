using AnalysisHub.Domain.Time;
using static AnalysisHub.Domain.Tests.Support.Dates;

namespace AnalysisHub.Domain.Tests.Time;

public class PeriodTests
{
    [Theory]
    // day
    [InlineData("2025-07-01", Granularity.Day, "2025-07-01", "2025-07-01", "2025-07-01")]
    [InlineData("2024-02-29", Granularity.Day, "2024-02-29", "2024-02-29", "2024-02-29")]
    // ISO week, Monday to Sunday
    [InlineData("2025-07-01", Granularity.Week, "2025-W27", "2025-06-30", "2025-07-06")]
    [InlineData("2025-06-30", Granularity.Week, "2025-W27", "2025-06-30", "2025-07-06")]
    [InlineData("2025-07-06", Granularity.Week, "2025-W27", "2025-06-30", "2025-07-06")]
    [InlineData("2025-07-07", Granularity.Week, "2025-W28", "2025-07-07", "2025-07-13")]
    [InlineData("2025-01-06", Granularity.Week, "2025-W02", "2025-01-06", "2025-01-12")]
    // week 53, and weeks spanning a year end
    [InlineData("2020-12-28", Granularity.Week, "2020-W53", "2020-12-28", "2021-01-03")]
    [InlineData("2020-12-31", Granularity.Week, "2020-W53", "2020-12-28", "2021-01-03")]
    [InlineData("2021-01-03", Granularity.Week, "2020-W53", "2020-12-28", "2021-01-03")]
    [InlineData("2021-01-04", Granularity.Week, "2021-W01", "2021-01-04", "2021-01-10")]
    [InlineData("2024-12-30", Granularity.Week, "2025-W01", "2024-12-30", "2025-01-05")]
    [InlineData("2024-12-31", Granularity.Week, "2025-W01", "2024-12-30", "2025-01-05")]
    [InlineData("2025-01-01", Granularity.Week, "2025-W01", "2024-12-30", "2025-01-05")]
    [InlineData("2024-12-29", Granularity.Week, "2024-W52", "2024-12-23", "2024-12-29")]
    [InlineData("2027-01-01", Granularity.Week, "2026-W53", "2026-12-28", "2027-01-03")]
    // calendar month
    [InlineData("2025-07-15", Granularity.Month, "2025-07", "2025-07-01", "2025-07-31")]
    [InlineData("2025-02-01", Granularity.Month, "2025-02", "2025-02-01", "2025-02-28")]
    [InlineData("2024-02-10", Granularity.Month, "2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2025-12-31", Granularity.Month, "2025-12", "2025-12-01", "2025-12-31")]
    // quarter
    [InlineData("2025-07-01", Granularity.Quarter, "2025-Q3", "2025-07-01", "2025-09-30")]
    [InlineData("2025-09-30", Granularity.Quarter, "2025-Q3", "2025-07-01", "2025-09-30")]
    [InlineData("2025-01-01", Granularity.Quarter, "2025-Q1", "2025-01-01", "2025-03-31")]
    [InlineData("2025-03-31", Granularity.Quarter, "2025-Q1", "2025-01-01", "2025-03-31")]
    [InlineData("2025-04-01", Granularity.Quarter, "2025-Q2", "2025-04-01", "2025-06-30")]
    [InlineData("2025-12-31", Granularity.Quarter, "2025-Q4", "2025-10-01", "2025-12-31")]
    // UK financial year, April to March
    [InlineData("2025-04-01", Granularity.FinancialYear, "2025-26", "2025-04-01", "2026-03-31")]
    [InlineData("2025-03-31", Granularity.FinancialYear, "2024-25", "2024-04-01", "2025-03-31")]
    [InlineData("2025-07-01", Granularity.FinancialYear, "2025-26", "2025-04-01", "2026-03-31")]
    [InlineData("2026-01-15", Granularity.FinancialYear, "2025-26", "2025-04-01", "2026-03-31")]
    [InlineData("2026-03-31", Granularity.FinancialYear, "2025-26", "2025-04-01", "2026-03-31")]
    [InlineData("2026-04-01", Granularity.FinancialYear, "2026-27", "2026-04-01", "2027-03-31")]
    [InlineData("1999-06-01", Granularity.FinancialYear, "1999-00", "1999-04-01", "2000-03-31")]
    // calendar year
    [InlineData("2025-07-01", Granularity.Year, "2025", "2025-01-01", "2025-12-31")]
    [InlineData("2024-12-31", Granularity.Year, "2024", "2024-01-01", "2024-12-31")]
    public void Containing_gives_the_label_and_own_first_and_last_day(
        string day, Granularity granularity, string label, string start, string end)
    {
        var period = Period.Containing(D(day), granularity);

        Assert.Equal(granularity, period.Granularity);
        Assert.Equal(label, period.Label);
        Assert.Equal(D(start), period.Start);
        Assert.Equal(D(end), period.End);
    }

    [Theory]
    [InlineData(Granularity.Day)]
    [InlineData(Granularity.Week)]
    [InlineData(Granularity.Month)]
    [InlineData(Granularity.Quarter)]
    [InlineData(Granularity.FinancialYear)]
    [InlineData(Granularity.Year)]
    public void Every_day_of_two_years_lies_inside_its_period(Granularity granularity)
    {
        for (var day = D("2024-01-01"); day <= D("2025-12-31"); day = day.AddDays(1))
        {
            var p = Period.Containing(day, granularity);
            Assert.InRange(day, p.Start, p.End);
            Assert.Equal(p, Period.Containing(p.Start, granularity));
            Assert.Equal(p, Period.Containing(p.End, granularity));
        }
    }

    [Theory]
    [InlineData("2025-06-15", "2025-09-10", Granularity.Month, new[] { "2025-06", "2025-07", "2025-08", "2025-09" })]
    [InlineData("2024-12-25", "2025-01-08", Granularity.Week, new[] { "2024-W52", "2025-W01", "2025-W02" })]
    [InlineData("2020-12-20", "2021-01-04", Granularity.Week, new[] { "2020-W51", "2020-W52", "2020-W53", "2021-W01" })]
    [InlineData("2025-03-30", "2025-04-02", Granularity.Day, new[] { "2025-03-30", "2025-03-31", "2025-04-01", "2025-04-02" })]
    [InlineData("2024-11-15", "2025-07-01", Granularity.Quarter, new[] { "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3" })]
    [InlineData("2024-01-01", "2025-04-01", Granularity.FinancialYear, new[] { "2023-24", "2024-25", "2025-26" })]
    [InlineData("2025-03-31", "2025-03-31", Granularity.FinancialYear, new[] { "2024-25" })]
    [InlineData("2023-12-31", "2025-01-01", Granularity.Year, new[] { "2023", "2024", "2025" })]
    public void Covering_lists_every_intersecting_period_in_order(string from, string to, Granularity granularity, string[] labels)
    {
        var periods = Period.Covering(D(from), D(to), granularity).ToList();

        Assert.Equal(labels, periods.Select(p => p.Label));
        Assert.InRange(D(from), periods[0].Start, periods[0].End);
        Assert.InRange(D(to), periods[^1].Start, periods[^1].End);
        for (var i = 1; i < periods.Count; i++)
            Assert.Equal(periods[i - 1].End.AddDays(1), periods[i].Start);
    }

    [Fact]
    public void Covering_a_year_by_day_is_dense()
    {
        var days = Period.Covering(D("2024-01-01"), D("2024-12-31"), Granularity.Day).ToList();

        Assert.Equal(366, days.Count);
        Assert.Equal(D("2024-01-01"), days[0].Start);
        for (var i = 0; i < days.Count; i++)
        {
            Assert.Equal(D("2024-01-01").AddDays(i), days[i].Start);
            Assert.Equal(days[i].Start, days[i].End);
        }
    }

    [Theory]
    [InlineData("2025-W27", "2025-06-30", "2025-07-06")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-03")]
    [InlineData("2025-W01", "2024-12-30", "2025-01-05")]
    public void TryParseWeek_reads_an_iso_week_label(string label, string start, string end)
    {
        Assert.True(Period.TryParseWeek(label, out var week));
        Assert.Equal(label, week.Label);
        Assert.Equal(D(start), week.Start);
        Assert.Equal(D(end), week.End);
        Assert.Equal(Granularity.Week, week.Granularity);
    }

    [Theory]
    [InlineData("2021-W53")]
    [InlineData("2025-W00")]
    [InlineData("2025-W54")]
    [InlineData("2025W27")]
    [InlineData("2025-27")]
    [InlineData("2025-w27")]
    [InlineData("")]
    public void TryParseWeek_rejects_a_week_that_does_not_exist_or_a_malformed_label(string label)
    {
        Assert.False(Period.TryParseWeek(label, out _));
    }

    [Theory]
    [InlineData("day", Granularity.Day, false)]
    [InlineData("week", Granularity.Week, false)]
    [InlineData("month", Granularity.Month, true)]
    [InlineData("quarter", Granularity.Quarter, true)]
    [InlineData("financial-year", Granularity.FinancialYear, true)]
    [InlineData("year", Granularity.Year, true)]
    public void Granularity_slugs_round_trip_and_only_month_or_longer_counts_month_precision(
        string slug, Granularity granularity, bool countsMonthPrecision)
    {
        Assert.True(GranularityNames.TryParse(slug, out var parsed));
        Assert.Equal(granularity, parsed);
        Assert.Equal(slug, granularity.ToSlug());
        Assert.Equal(countsMonthPrecision, granularity.CountsMonthPrecision());
    }

    [Theory]
    [InlineData("Day")]
    [InlineData("weekly")]
    [InlineData("financialyear")]
    public void Unknown_granularity_slug_is_not_parsed(string slug)
    {
        Assert.False(GranularityNames.TryParse(slug, out _));
    }
}
