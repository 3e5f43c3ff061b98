using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Domain.Tests.Changes;

public sealed class AuthorityChangesTests
{
    private static readonly CellKey Day1 = CellKey.ForDay(0, 1, 0, new DateOnly(2025, 1, 1));
    private static readonly CellKey Day2 = CellKey.ForDay(0, 1, 0, new DateOnly(2025, 1, 2));

    private static readonly GeographyRegistry Geography = GeographyLoader.LoadReference();

    private static AuthorityChanges Change(string authority, long sequence, params (CellKey Key, long Delta)[] deltas) =>
        new(Geography.FindAuthority(authority)!, sequence, sequence, CellCodec.Encode(deltas.ToDictionary(d => d.Key, d => d.Delta)));

    [Fact]
    public void Consecutive_changes_of_an_authority_merge_into_one_range_with_summed_deltas()
    {
        var merged = AuthorityChanges.Coalesce([
            Change("la:cardiff", 3, (Day1, 1)), Change("la:newport", 7, (Day1, 1)), Change("la:cardiff", 4, (Day1, 2), (Day2, -1)), Change("la:cardiff", 5, (Day2, 1)),
        ]);

        var a = Assert.Single(merged, m => m.Authority.Id == "la:cardiff");
        Assert.Equal((3L, 5L), (a.FirstSequence, a.Sequence));
        var deltas = CellCodec.Decode(a.Cells).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(3, deltas[Day1]);
        Assert.Equal(0, deltas[Day2]);
        var b = Assert.Single(merged, m => m.Authority.Id == "la:newport");
        Assert.Equal((7L, 7L), (b.FirstSequence, b.Sequence));
    }

    [Fact]
    public void A_change_with_no_consecutive_neighbour_is_passed_on_with_its_own_bytes()
    {
        var alone = Change("la:cardiff", 3, (Day1, 1), (Day2, -1));
        var merged = Assert.Single(AuthorityChanges.Coalesce([alone]));
        Assert.Same(alone.Cells, merged.Cells);
        Assert.Equal((3L, 3L), (merged.FirstSequence, merged.Sequence));
    }

    [Fact]
    public void A_break_in_the_numbers_keeps_the_runs_apart()
    {
        var merged = AuthorityChanges.Coalesce([Change("la:cardiff", 3, (Day1, 1)), Change("la:cardiff", 5, (Day1, 1))]);
        Assert.Equal([(3L, 3L), (5L, 5L)], merged.Select(m => (m.FirstSequence, m.Sequence)));
    }
}
