using AnalysisHub.Domain.Tests.Support;
using AnalysisHub.Domain.Time;
using static AnalysisHub.Domain.Tests.Support.Dates;

namespace AnalysisHub.Domain.Tests.Time;

public class LondonTimeTests
{
    [Theory]
    [InlineData("2025-06-30T23:30:00Z", "2025-07-01")] // 00:30 BST
    [InlineData("2025-06-30T22:59:59Z", "2025-06-30")] // 23:59:59 BST
    [InlineData("2025-06-30T23:00:00Z", "2025-07-01")] // midnight BST
    [InlineData("2025-12-31T23:30:00Z", "2025-12-31")] // GMT: UTC and local agree
    [InlineData("2025-01-01T00:00:00Z", "2025-01-01")]
    [InlineData("2025-03-30T00:30:00Z", "2025-03-30")] // just before the spring change
    [InlineData("2025-10-25T23:30:00Z", "2025-10-26")] // 00:30 BST on the day the clocks go back
    public void Local_day_of_an_instant_is_the_Europe_London_calendar_day(string utc, string localDay)
    {
        Assert.Equal(D(localDay), LondonTime.ToLocalDate(Utc(utc)));
    }

    [Fact]
    public void Record_at_2330_utc_on_30_june_counts_on_1_july()
    {
        var local = LondonTime.ToLocal(Utc("2025-06-30T23:30:00Z"));

        Assert.Equal(Local("2025-07-01T00:30:00"), local);
    }

    [Fact]
    public void Today_is_the_London_date_of_the_clock()
    {
        Assert.Equal(D("2025-07-01"), LondonTime.Today(new FixedClock(Utc("2025-06-30T23:30:00Z"))));
        Assert.Equal(D("2025-06-30"), LondonTime.Today(new FixedClock(Utc("2025-06-30T22:30:00Z"))));
    }

    [Theory]
    [InlineData("2025-03-30T01:00:00")]
    [InlineData("2025-03-30T01:30:00")]
    [InlineData("2025-03-30T01:59:59")]
    [InlineData("2024-03-31T01:30:00")]
    public void Local_time_skipped_by_the_spring_clock_change_does_not_exist(string local)
    {
        Assert.False(LondonTime.TryFromLocal(Local(local), out _));
    }

    [Theory]
    // around the spring change (last Sunday of March)
    [InlineData("2025-03-30T00:59:59", "2025-03-30T00:59:59Z")]
    [InlineData("2025-03-30T02:00:00", "2025-03-30T01:00:00Z")]
    // the hour that occurs twice in October is read as its first occurrence, on summer time
    [InlineData("2025-10-26T01:00:00", "2025-10-26T00:00:00Z")]
    [InlineData("2025-10-26T01:30:00", "2025-10-26T00:30:00Z")]
    [InlineData("2025-10-26T01:59:59", "2025-10-26T00:59:59Z")]
    [InlineData("2025-10-26T00:59:59", "2025-10-25T23:59:59Z")]
    [InlineData("2025-10-26T02:00:00", "2025-10-26T02:00:00Z")]
    // ordinary summer and winter times
    [InlineData("2025-07-01T00:30:00", "2025-06-30T23:30:00Z")]
    [InlineData("2025-01-15T12:00:00", "2025-01-15T12:00:00Z")]
    public void Local_time_is_read_as_Europe_London(string local, string utc)
    {
        Assert.True(LondonTime.TryFromLocal(Local(local), out var instant));
        Assert.Equal(Utc(utc), instant);
        Assert.Equal(Utc(utc).UtcDateTime, instant.UtcDateTime);
    }

    [Fact]
    public void Ambiguous_october_time_keeps_the_summer_offset()
    {
        Assert.True(LondonTime.TryFromLocal(Local("2025-10-26T01:30:00"), out var instant));

        Assert.Equal(TimeSpan.FromHours(1), instant.Offset);
    }

    [Fact]
    public void A_utc_kind_date_time_is_still_read_as_wall_clock_time()
    {
        var wall = DateTime.SpecifyKind(Local("2025-07-01T00:30:00"), DateTimeKind.Utc);

        Assert.True(LondonTime.TryFromLocal(wall, out var instant));
        Assert.Equal(Utc("2025-06-30T23:30:00Z"), instant);
    }

    [Theory]
    [InlineData("2025-06-30T00:00:00", 0)]   // Monday
    [InlineData("2025-06-30T00:59:59", 0)]
    [InlineData("2025-06-30T01:00:00", 1)]
    [InlineData("2025-06-30T23:59:59", 23)]
    [InlineData("2025-07-01T00:00:00", 24)]  // Tuesday
    [InlineData("2025-07-05T12:30:00", 132)] // Saturday
    [InlineData("2025-07-06T00:00:00", 144)] // Sunday
    [InlineData("2025-07-06T23:00:00", 167)]
    [InlineData("2025-07-06T23:59:59", 167)]
    [InlineData("2025-07-07T00:00:00", 0)]   // next Monday
    public void Hour_of_week_counts_from_monday_midnight(string local, int hour)
    {
        Assert.Equal(hour, LondonTime.HourOfWeek(Local(local)));
    }
}

public sealed class LondonTimeConversionAtClockChangesTests
{
    [Theory]
    [InlineData("2025-03-30T00:59:59Z", "2025-03-30T00:59:59")] // last second of GMT
    [InlineData("2025-03-30T01:00:00Z", "2025-03-30T02:00:00")] // clocks go forward
    [InlineData("2025-10-26T00:59:59Z", "2025-10-26T01:59:59")] // last second of BST
    [InlineData("2025-10-26T01:00:00Z", "2025-10-26T01:00:00")] // clocks go back
    [InlineData("2024-12-31T23:59:59Z", "2024-12-31T23:59:59")]
    [InlineData("2025-06-30T23:30:00Z", "2025-07-01T00:30:00")]
    public void ToLocal_follows_the_clock_changes_on_repeated_calls(string utc, string local)
    {
        var instant = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        var expected = DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
        // Twice: the first call fills the per-hour offset cache, the second reads it.
        Assert.Equal(expected, AnalysisHub.Domain.Time.LondonTime.ToLocal(instant));
        Assert.Equal(expected, AnalysisHub.Domain.Time.LondonTime.ToLocal(instant));
    }
}
