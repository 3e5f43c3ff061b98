using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Completeness;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Tests.Support;

namespace AnalysisHub.Domain.Tests.Completeness;

/// <summary>Which members of a footprint a period's figures rest on incompletely: the flag series, comparisons and bulletins share.</summary>
public sealed class FeedCompletenessTests
{
    private static readonly GeographyRegistry Geography = Reference.Geography;
    private static readonly Authority Cardiff = Geography.FindAuthority("la:cardiff")!, Swansea = Geography.FindAuthority("la:swansea")!;
    private static readonly int July2025 = MonthIndex.Of(new DateOnly(2025, 7, 1));

    /// <summary>Judges July–September 2025 from a year of 20 a month, then the three months given.</summary>
    private static FeedCompleteness Judge(long[] cardiff, long[] swansea, Func<Authority, int, DeclaredDelivery?>? declared = null) =>
        FeedCompleteness.Judge(July2025, July2025 + 2, new Dictionary<Authority, long[]>
        {
            [Cardiff] = [.. Enumerable.Repeat(20L, 12), .. cardiff],
            [Swansea] = [.. Enumerable.Repeat(20L, 12), .. swansea],
        }, declared ?? ((_, _) => null));

    [Fact]
    public void A_member_is_incomplete_in_a_period_when_any_of_its_months_there_is_missing_partial_or_withdrawn()
    {
        var judged = Judge([20, 0, 20], [20, 20, 9]);
        var wales = Geography.Find("nation:wales")!;
        Assert.Equal(DeliveryStatus.Missing, judged.Of(Cardiff, July2025 + 1)!.Value.Status);
        Assert.Empty(judged.IncompleteMembers(wales.Members, new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31)));
        Assert.Equal([Cardiff], judged.IncompleteMembers(wales.Members, new DateOnly(2025, 8, 15), new DateOnly(2025, 8, 15)));
        Assert.Equal([Cardiff, Swansea], judged.IncompleteMembers(wales.Members, new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30)).OrderBy(a => a.Id));
        Assert.Empty(judged.IncompleteMembers([Swansea], new DateOnly(2025, 8, 1), new DateOnly(2025, 8, 31)));
    }

    [Fact]
    public void A_declared_complete_month_is_not_flagged_and_a_withdrawn_one_is()
    {
        var judged = Judge([20, 0, 20], [20, 20, 20], (a, m) => (a, m - July2025) switch
        {
            ({ Id: "la:cardiff" }, 1) => DeclaredDelivery.Complete,
            ({ Id: "la:swansea" }, 0) => DeclaredDelivery.Withdrawn,
            _ => null,
        });
        Assert.Equal([Swansea], judged.IncompleteMembers([Cardiff, Swansea], new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30)));
    }

    [Fact]
    public void As_was_a_member_counts_only_over_the_days_it_was_one()
    {
        // Cardiff alone until the end of July 2025, then Cardiff and Swansea; Swansea is missing in July only.
        var merged = new Footprint
        {
            Id = "psb:test", Kind = "psb", Name = "Test", Population = 1,
            Membership = [new MembershipPeriod(null, new DateOnly(2025, 7, 31), [Cardiff]), new MembershipPeriod(new DateOnly(2025, 8, 1), null, [Cardiff, Swansea])],
        };
        var judged = Judge([20, 20, 20], [0, 20, 20]);
        Assert.Equal([Swansea], judged.IncompleteMembers(merged, new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), Boundaries.Current));
        Assert.Empty(judged.IncompleteMembers(merged, new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), Boundaries.AsWas));
        Assert.Empty(judged.IncompleteMembers(merged, new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30), Boundaries.AsWas));
    }

    [Fact]
    public void Months_outside_what_was_judged_and_months_without_history_are_not_flagged()
    {
        var judged = FeedCompleteness.Judge(July2025, July2025, new Dictionary<Authority, long[]> { [Cardiff] = new long[13] }, (_, _) => null);
        Assert.Equal(DeliveryStatus.NoHistory, judged.Of(Cardiff, July2025)!.Value.Status);
        Assert.Null(judged.Of(Cardiff, July2025 + 1));
        Assert.Empty(judged.IncompleteMembers([Cardiff], new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
    }
}
