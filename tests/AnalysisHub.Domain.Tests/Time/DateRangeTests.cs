using AnalysisHub.Domain.Time;
using static AnalysisHub.Domain.Tests.Support.Dates;

namespace AnalysisHub.Domain.Tests.Time;

public class DateRangeTests
{
    [Theory]
    [InlineData("2025-07-15", "2024-07-01", "2025-06-30")]
    [InlineData("2025-07-01", "2024-07-01", "2025-06-30")] // today's month is not complete even on its first day
    [InlineData("2025-07-31", "2024-07-01", "2025-06-30")]
    [InlineData("2025-01-01", "2024-01-01", "2024-12-31")]
    [InlineData("2024-03-10", "2023-03-01", "2024-02-29")]
    public void Neither_from_nor_to_gives_the_last_12_complete_months(string today, string from, string to)
    {
        var range = DateRange.Resolve(null, null, D(today));

        Assert.Equal(new DateRange(D(from), D(to)), range);
        Assert.Equal(12, Period.Covering(range.From, range.To, Granularity.Month).Count());
    }

    [Theory]
    [InlineData("2025-01-01", "2025-07-15", "2025-07-14")]
    [InlineData("2025-01-01", "2025-03-01", "2025-02-28")]
    public void Only_from_runs_to_yesterday(string from, string today, string to)
    {
        Assert.Equal(new DateRange(D(from), D(to)), DateRange.Resolve(D(from), null, D(today)));
    }

    [Theory]
    [InlineData("2025-06-30", "2024-07-01")]
    [InlineData("2025-12-31", "2025-01-01")]
    [InlineData("2025-03-01", "2024-03-02")]
    [InlineData("2024-02-29", "2023-03-01")]
    public void Only_to_starts_one_year_before_plus_one_day(string to, string from)
    {
        Assert.Equal(new DateRange(D(from), D(to)), DateRange.Resolve(null, D(to), D("2026-01-01")));
    }

    [Fact]
    public void Both_given_are_kept_as_they_are()
    {
        Assert.Equal(new DateRange(D("2025-02-03"), D("2025-02-05")),
            DateRange.Resolve(D("2025-02-03"), D("2025-02-05"), D("2025-07-15")));
    }

    [Theory]
    [InlineData("2025-07-01", "2025-07-01", 1)]
    [InlineData("2025-07-01", "2025-07-31", 31)]
    [InlineData("2024-01-01", "2024-12-31", 366)]
    [InlineData("2024-07-01", "2025-06-30", 365)]
    public void Days_counts_both_ends(string from, string to, int days)
    {
        Assert.Equal(days, new DateRange(D(from), D(to)).Days);
    }

    [Theory]
    [InlineData("2025-06-30", false)]
    [InlineData("2025-07-01", true)]
    [InlineData("2025-07-15", true)]
    [InlineData("2025-07-31", true)]
    [InlineData("2025-08-01", false)]
    public void Contains_is_inclusive_at_both_ends(string day, bool inside)
    {
        Assert.Equal(inside, new DateRange(D("2025-07-01"), D("2025-07-31")).Contains(D(day)));
    }
}
