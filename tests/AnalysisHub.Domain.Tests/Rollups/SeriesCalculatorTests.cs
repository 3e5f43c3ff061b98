using System.Globalization;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Tests.Support;
using AnalysisHub.Domain.Time;
using static AnalysisHub.Domain.Tests.Support.Dates;

namespace AnalysisHub.Domain.Tests.Rollups;

public class SeriesCalculatorTests
{
    private static readonly int Crime = Reference.Feed("crime").Index;

    private static int Cat(string slug) => Reference.CategoryIndex("crime", slug);

    private static IReadOnlyList<int> Subtree(string slug) => Reference.Feed("crime").FindCategory(slug)!.SelfAndDescendants;

    private static void AddDay(CellTable table, string day, long count, string category = "robbery", uint flags = 0) =>
        table.Add(CellKey.ForDay(Crime, Cat(category), flags, D(day)), count);

    private static void AddMonth(CellTable table, string month, long count, string category = "robbery") =>
        table.Add(CellKey.ForMonth(Crime, Cat(category), 0, MonthIndex.Of(D(month + "-01"))), count);

    private static SeriesResult Series(CellTable table, string from, string to, Granularity granularity,
        string category = "robbery", uint flags = 0) =>
        SeriesCalculator.Calculate(table, new SeriesQuery(Crime, Subtree(category), flags, new DateRange(D(from), D(to)), granularity));

    [Fact]
    public void Empty_table_gives_a_dense_series_of_zeros()
    {
        var result = Series(new CellTable(), "2025-07-01", "2025-07-31", Granularity.Day);

        Assert.Equal(31, result.Points.Count);
        Assert.All(result.Points, p => Assert.Equal(0, p.Count));
        Assert.Equal(Period.Covering(D("2025-07-01"), D("2025-07-31"), Granularity.Day).Select(p => p.Label),
            result.Points.Select(p => p.Period));
        Assert.Equal(0, result.Total);
        Assert.Equal(0, result.ExcludedMonthPrecision);
    }

    [Fact]
    public void Day_series_has_a_point_for_every_day_with_zeros_between_records()
    {
        var table = new CellTable();
        AddDay(table, "2025-07-01", 2);
        AddDay(table, "2025-07-04", 1);

        var result = Series(table, "2025-07-01", "2025-07-05", Granularity.Day);

        Assert.Equal(["2025-07-01", "2025-07-02", "2025-07-03", "2025-07-04", "2025-07-05"], result.Points.Select(p => p.Period));
        Assert.Equal([2, 0, 0, 1, 0], result.Points.Select(p => p.Count));
        Assert.All(result.Points, p => Assert.Equal(p.Start, p.End));
        Assert.Equal(3, result.Total);
    }

    [Fact]
    public void Week_points_keep_their_own_bounds_but_count_only_days_in_range()
    {
        var table = new CellTable();
        AddDay(table, "2025-06-30", 100); // Monday of 2025-W27, before the range
        AddDay(table, "2025-07-02", 1);
        AddDay(table, "2025-07-06", 2);
        AddDay(table, "2025-07-07", 4);   // 2025-W28
        AddDay(table, "2025-07-16", 8);   // last day of the range, 2025-W29
        AddDay(table, "2025-07-17", 1000); // after the range, same week

        var result = Series(table, "2025-07-02", "2025-07-16", Granularity.Week);

        Assert.Equal(
            [
                new SeriesPoint("2025-W27", D("2025-06-30"), D("2025-07-06"), 3),
                new SeriesPoint("2025-W28", D("2025-07-07"), D("2025-07-13"), 4),
                new SeriesPoint("2025-W29", D("2025-07-14"), D("2025-07-20"), 8),
            ],
            result.Points);
        Assert.Equal(15, result.Total);
    }

    [Fact]
    public void Month_points_keep_their_own_bounds_but_count_only_days_in_range()
    {
        var table = new CellTable();
        AddDay(table, "2025-06-10", 100);
        AddDay(table, "2025-06-20", 1);
        AddDay(table, "2025-07-31", 2);
        AddDay(table, "2025-08-10", 4);
        AddDay(table, "2025-08-11", 1000);

        var result = Series(table, "2025-06-15", "2025-08-10", Granularity.Month);

        Assert.Equal(
            [
                new SeriesPoint("2025-06", D("2025-06-01"), D("2025-06-30"), 1),
                new SeriesPoint("2025-07", D("2025-07-01"), D("2025-07-31"), 2),
                new SeriesPoint("2025-08", D("2025-08-01"), D("2025-08-31"), 4),
            ],
            result.Points);
        Assert.Equal(7, result.Total);
    }

    [Theory]
    [InlineData(Granularity.Quarter, new[] { "2025-Q1", "2025-Q2" }, new long[] { 1, 2 })]
    [InlineData(Granularity.FinancialYear, new[] { "2024-25", "2025-26" }, new long[] { 1, 2 })]
    [InlineData(Granularity.Year, new[] { "2025" }, new long[] { 3 })]
    public void Longer_periods_split_at_their_own_boundaries(Granularity granularity, string[] labels, long[] counts)
    {
        var table = new CellTable();
        AddDay(table, "2025-03-31", 1);
        AddDay(table, "2025-04-01", 2);

        var result = Series(table, "2025-03-01", "2025-04-30", granularity);

        Assert.Equal(labels, result.Points.Select(p => p.Period));
        Assert.Equal(counts, result.Points.Select(p => p.Count));
    }

    [Fact]
    public void Series_counts_the_category_subtree_with_the_required_flags()
    {
        var domestic = Reference.FlagMask("domestic");
        var alcohol = Reference.FlagMask("alcohol");
        var table = new CellTable();
        AddDay(table, "2025-07-01", 1, "violence-with-injury", domestic | alcohol);
        AddDay(table, "2025-07-01", 10, "sexual-offences", alcohol);
        AddDay(table, "2025-07-01", 100, "violence-and-sexual-offences", domestic);
        AddDay(table, "2025-07-01", 1000, "robbery", domestic);

        Assert.Equal(101, Series(table, "2025-07-01", "2025-07-01", Granularity.Day, "violence-and-sexual-offences", domestic).Total);
        Assert.Equal(11, Series(table, "2025-07-01", "2025-07-01", Granularity.Day, "violence-and-sexual-offences", alcohol).Total);
        Assert.Equal(111, Series(table, "2025-07-01", "2025-07-01", Granularity.Day, "violence-and-sexual-offences").Total);
        Assert.Equal(1, Series(table, "2025-07-01", "2025-07-01", Granularity.Day, "violence-with-injury").Total);
    }

    [Fact]
    public void Month_precision_counts_in_month_points_only_when_the_whole_month_is_in_range()
    {
        var table = new CellTable();
        AddMonth(table, "2025-06", 5);  // range starts mid-June: left out
        AddMonth(table, "2025-07", 3);
        AddMonth(table, "2025-08", 2);
        AddMonth(table, "2025-09", 1000); // outside the range entirely
        AddDay(table, "2025-06-20", 1);

        var result = Series(table, "2025-06-15", "2025-08-31", Granularity.Month);

        Assert.Equal([1, 3, 2], result.Points.Select(p => p.Count));
        Assert.Equal(6, result.Total);
        Assert.Equal(5, result.ExcludedMonthPrecision);
    }

    [Fact]
    public void Month_precision_of_a_month_cut_by_the_end_of_the_range_is_excluded()
    {
        var table = new CellTable();
        AddMonth(table, "2025-06", 5);
        AddMonth(table, "2025-08", 2);

        var result = Series(table, "2025-06-01", "2025-08-30", Granularity.Month);

        Assert.Equal([5, 0, 0], result.Points.Select(p => p.Count));
        Assert.Equal(2, result.ExcludedMonthPrecision);
    }

    [Theory]
    [InlineData(Granularity.Quarter, new[] { "2025-Q2", "2025-Q3" }, new long[] { 0, 5 }, 5)]
    [InlineData(Granularity.FinancialYear, new[] { "2025-26" }, new long[] { 5 }, 5)]
    [InlineData(Granularity.Year, new[] { "2025" }, new long[] { 5 }, 5)]
    [InlineData(Granularity.Month, new[] { "2025-06", "2025-07", "2025-08" }, new long[] { 0, 3, 2 }, 5)]
    public void Month_precision_counts_in_longer_periods_when_its_month_is_whole_in_range(
        Granularity granularity, string[] labels, long[] counts, long excluded)
    {
        var table = new CellTable();
        AddMonth(table, "2025-06", 5);
        AddMonth(table, "2025-07", 3);
        AddMonth(table, "2025-08", 2);

        var result = Series(table, "2025-06-15", "2025-08-31", granularity);

        Assert.Equal(labels, result.Points.Select(p => p.Period));
        Assert.Equal(counts, result.Points.Select(p => p.Count));
        Assert.Equal(excluded, result.ExcludedMonthPrecision);
        Assert.Equal(counts.Sum(), result.Total);
    }

    [Fact]
    public void Month_precision_goes_to_the_financial_year_of_its_month()
    {
        var table = new CellTable();
        AddMonth(table, "2025-03", 4);
        AddMonth(table, "2025-04", 6);

        var result = Series(table, "2025-01-01", "2025-12-31", Granularity.FinancialYear);

        Assert.Equal(["2024-25", "2025-26"], result.Points.Select(p => p.Period));
        Assert.Equal([4, 6], result.Points.Select(p => p.Count));
        Assert.Equal(0, result.ExcludedMonthPrecision);
    }

    [Theory]
    [InlineData(Granularity.Day)]
    [InlineData(Granularity.Week)]
    public void Day_and_week_series_exclude_every_month_precision_record(Granularity granularity)
    {
        var table = new CellTable();
        AddMonth(table, "2025-07", 3);
        AddMonth(table, "2025-08", 2);
        AddDay(table, "2025-07-01", 1);

        var result = Series(table, "2025-07-01", "2025-08-31", granularity);

        Assert.Equal(1, result.Points.Sum(p => p.Count));
        Assert.Equal(1, result.Total);
        Assert.Equal(5, result.ExcludedMonthPrecision);
    }

    [Fact]
    public void Month_precision_outside_the_range_is_neither_counted_nor_excluded()
    {
        var table = new CellTable();
        AddMonth(table, "2025-05", 7);
        AddMonth(table, "2025-09", 7);

        var result = Series(table, "2025-06-01", "2025-08-31", Granularity.Month);

        Assert.Equal(0, result.Total);
        Assert.Equal(0, result.ExcludedMonthPrecision);
    }

    [Fact]
    public void Total_is_the_sum_of_the_points()
    {
        var table = new CellTable();
        for (var day = D("2024-12-20"); day <= D("2025-02-10"); day = day.AddDays(3)) AddDay(table, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Day);
        AddMonth(table, "2025-01", 50);

        foreach (var granularity in Enum.GetValues<Granularity>())
        {
            var result = Series(table, "2024-12-25", "2025-02-05", granularity);
            Assert.Equal(result.Points.Sum(p => p.Count), result.Total);
            Assert.Equal(granularity.CountsMonthPrecision() ? 0 : 50, result.ExcludedMonthPrecision);
        }
    }
}
