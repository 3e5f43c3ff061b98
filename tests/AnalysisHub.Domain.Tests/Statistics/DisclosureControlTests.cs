using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

public class DisclosureControlTests
{
    [Theory]
    [InlineData(0, "0", false)]
    [InlineData(1, "<5", true)]
    [InlineData(4, "<5", true)]
    [InlineData(5, "5", false)]
    [InlineData(123, "123", false)]
    public void Counts_one_to_four_are_shown_as_less_than_five_and_zero_stays_zero(long count, string display, bool suppressed)
    {
        var disclosed = DisclosureControl.Disclose(count);

        Assert.Equal(display, disclosed.Display);
        Assert.Equal(suppressed, disclosed.Suppressed);
        Assert.Equal(suppressed ? null : count, disclosed.Value);
    }

    [Fact]
    public void Rates_from_suppressed_counts_are_withheld_and_small_counts_flagged_unreliable()
    {
        var three = DisclosureControl.Disclose(CrudeRate.Calculate(3, 100_000));
        Assert.Null(three.Rate);
        Assert.Null(three.Ci95);
        Assert.Null(three.Ci998);
        Assert.Equal("<5", three.Count.Display);

        var seven = DisclosureControl.Disclose(CrudeRate.Calculate(7, 100_000));
        Assert.Equal(7.0, seven.Rate!.Value, 12);
        Assert.NotNull(seven.Ci95);
        Assert.True(seven.Unreliable);

        var twelve = DisclosureControl.Disclose(CrudeRate.Calculate(12, 100_000));
        Assert.False(twelve.Unreliable);

        var secondary = DisclosureControl.Disclose(CrudeRate.Calculate(12, 100_000), suppressed: true);
        Assert.Null(secondary.Rate);
        Assert.True(secondary.Count.Secondary);
    }

    [Fact]
    public void Cwm_taf_minus_rhondda_cynon_taf_cannot_reveal_merthyr_tydfil()
    {
        // cells: 0 Cwm Taf CSP, 1 Rhondda Cynon Taf, 2 Merthyr Tydfil
        long[] counts = [40, 37, 3];
        SuppressionGroup[] groups = [new(0, [1, 2])];

        var result = DisclosureControl.SuppressComplementary(counts, groups);

        Assert.Equal([false, true, true], result.Select(c => c.Suppressed));
        Assert.True(result[1].Secondary);
        Assert.False(result[2].Secondary);
        Assert.Empty(RecoverableCells(result.Select(c => c.Suppressed).ToArray(), groups));
    }

    [Fact]
    public void The_smallest_shown_member_is_the_complement()
    {
        long[] counts = [100, 2, 50, 8, 40];
        SuppressionGroup[] groups = [new(0, [1, 2, 3, 4])];

        var result = DisclosureControl.SuppressComplementary(counts, groups);

        Assert.Equal([false, true, false, true, false], result.Select(c => c.Suppressed));
    }

    [Fact]
    public void The_parent_is_suppressed_when_no_member_is_left_to_hide()
    {
        long[] counts = [3, 3];
        SuppressionGroup[] groups = [new(0, [1])];

        var result = DisclosureControl.SuppressComplementary(counts, groups);

        Assert.Equal([true, true], result.Select(c => c.Suppressed));
    }

    [Fact]
    public void Complements_propagate_through_overlapping_groups_to_a_fixed_point()
    {
        // 0 = 1 + 2 and 3 = 2 + 4. Hiding 2 beside 1 is not enough (60 − 42 gives 2, then 20 − 18 gives 1), nor is
        // 4 alone; hiding the total 0 is the one cell that protects 1 on its own.
        long[] counts = [20, 2, 18, 60, 42];
        SuppressionGroup[] groups = [new(0, [1, 2]), new(3, [2, 4])];

        var result = DisclosureControl.SuppressComplementary(counts, groups);

        Assert.Equal([true, true, false, false, false], result.Select(c => c.Suppressed));
        Assert.Empty(DisclosureBounds.DeterminedCells(result, groups));
    }

    [Fact]
    public void Recoverable_cells_finds_a_lone_suppressed_cell_including_a_lone_parent()
    {
        SuppressionGroup[] groups = [new(0, [1, 2]), new(3, [4, 5])];

        Assert.Equal([1], RecoverableCells([false, true, false, false, false, false], groups));
        Assert.Equal([3], RecoverableCells([false, false, false, true, false, false], groups));
        Assert.Empty(RecoverableCells([false, true, true, true, true, false], groups));
    }

    [Fact]
    public void No_suppressed_cell_is_recoverable_in_random_overlapping_groups()
    {
        var random = new Random(20251123);
        for (var trial = 0; trial < 300; trial++)
        {
            // Leaves with small counts (many 1–4), parents as sums of random, overlapping subsets of the leaves.
            var leaves = random.Next(3, 12);
            var counts = Enumerable.Range(0, leaves).Select(_ => (long)random.Next(0, 12)).ToList();
            var groups = new List<SuppressionGroup>();
            var parents = random.Next(1, 6);
            for (var g = 0; g < parents; g++)
            {
                var members = Enumerable.Range(0, leaves).Where(_ => random.NextDouble() < 0.5).ToList();
                if (members.Count == 0) members.Add(random.Next(leaves));
                // Sometimes nest: a parent of an earlier parent and some leaves.
                if (g > 0 && random.NextDouble() < 0.3) members.Add(leaves + random.Next(g));
                counts.Add(members.Sum(m => counts[m]));
                groups.Add(new SuppressionGroup(counts.Count - 1, members));
            }

            var result = DisclosureControl.SuppressComplementary(counts, groups);
            var suppressed = result.Select(c => c.Suppressed).ToArray();

            Assert.Empty(DisclosureBounds.DeterminedCells(result, groups));
            for (var i = 0; i < counts.Count; i++)
            {
                if (DisclosureControl.IsPrimarySuppressed(counts[i])) Assert.True(suppressed[i]);
                if (!suppressed[i]) Assert.Equal(counts[i], result[i].Value);
            }
        }
    }

    /// <summary>
    /// The cells whose value follows from a single group by subtraction: those alone in being suppressed within a
    /// group. Empty means no suppressed cell can be recovered from any one constraint.
    /// </summary>
    private static IReadOnlyList<int> RecoverableCells(IReadOnlyList<bool> suppressed, IReadOnlyList<SuppressionGroup> groups)
    {
        var recoverable = new SortedSet<int>();
        foreach (var g in groups)
        {
            var hidden = g.Cells.Where(c => suppressed[c]).Distinct().ToList();
            if (hidden.Count == 1) recoverable.Add(hidden[0]);
        }
        return recoverable.ToArray();
    }
}
