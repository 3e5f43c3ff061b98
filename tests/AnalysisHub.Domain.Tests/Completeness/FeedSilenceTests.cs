using AnalysisHub.Domain.Completeness;

namespace AnalysisHub.Domain.Tests.Completeness;

/// <summary>A feed that delivers daily (records on 21 of the 28 days before) and then none for two days has fallen silent.</summary>
public sealed class FeedSilenceTests
{
    private static readonly DateOnly First = new(2026, 11, 1);

    private static long[] Days(int withRecordsOf28, params long[] then) =>
        [.. Enumerable.Range(0, 28).Select(i => i < withRecordsOf28 ? 3L : 0L).Reverse(), .. then];

    [Fact]
    public void Two_silent_days_after_a_daily_history_are_a_silence_beginning_on_the_first()
    {
        var silence = FeedSilence.Find(Days(28, 0, 0), First);
        Assert.Equal(new FeedSilence(First.AddDays(28), 2, 3), silence);
    }

    [Fact]
    public void One_silent_day_is_not_a_silence() => Assert.Null(FeedSilence.Find(Days(28, 0), First));

    [Fact]
    public void A_feed_with_records_on_fewer_than_21_of_28_days_does_not_deliver_daily()
    {
        Assert.Null(FeedSilence.Find(Days(20, 0, 0), First));
        Assert.NotNull(FeedSilence.Find(Days(21, 0, 0), First));
    }

    [Fact]
    public void A_silence_that_goes_on_keeps_its_first_day_and_is_judged_on_the_28_days_before_it()
    {
        var silence = FeedSilence.Find([0, 0, .. Days(28, 0, 0, 0, 0)], First);
        Assert.Equal(new FeedSilence(First.AddDays(30), 4, 3), silence);
    }

    [Fact]
    public void Without_28_days_seen_before_the_silence_nothing_is_said() => Assert.Null(FeedSilence.Find([.. Enumerable.Repeat(3L, 27), 0, 0], First));
}
