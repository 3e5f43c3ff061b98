using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

/// <summary>
/// What a reader who knows the rules can infer: withheld "&lt;5" cells are 1–4, "*" cells are 0 or at least 5.
/// The brute-force reader below is independent of <see cref="DisclosureBounds"/>: it tries every assignment.
/// </summary>
public sealed class DisclosureBoundsTests
{
    [Fact]
    public void Two_small_cells_that_must_add_to_two_are_both_one_and_get_a_complement()
    {
        // 0 = 1 + 2 + 3: 12 = 1 + 1 + 10. Hiding just the two 1s would leave 2 between them: both must be 1.
        long[] counts = [12, 1, 1, 10];
        SuppressionGroup[] groups = [new(0, [1, 2, 3])];
        bool[] onlyPrimary = [false, true, true, false];
        Assert.Equal([1, 2], DisclosureBounds.DeterminedCells(Disclose(counts, onlyPrimary), groups));

        var result = DisclosureControl.SuppressComplementary(counts, groups);

        Assert.Equal([false, true, true, true], result.Select(c => c.Suppressed));
        Assert.Equal("*", result[3].Display);
        Assert.Empty(DisclosureBounds.DeterminedCells(result, groups));
        Assert.Empty(BruteForceDetermined(counts, result, groups));
    }

    [Fact]
    public void Two_small_cells_that_must_add_to_eight_are_both_four()
    {
        long[] counts = [30, 4, 4, 22];
        SuppressionGroup[] groups = [new(0, [1, 2, 3])];
        Assert.Equal([1, 2], DisclosureBounds.DeterminedCells(Disclose(counts, [false, true, true, false]), groups));
        Assert.Empty(DisclosureBounds.DeterminedCells(DisclosureControl.SuppressComplementary(counts, groups), groups));
    }

    [Fact]
    public void Two_small_cells_adding_to_five_leave_four_possibilities_and_need_no_complement()
    {
        long[] counts = [25, 2, 3, 20];
        SuppressionGroup[] groups = [new(0, [1, 2, 3])];

        var result = DisclosureControl.SuppressComplementary(counts, groups);

        Assert.Equal([false, true, true, false], result.Select(c => c.Suppressed));
        Assert.Empty(BruteForceDetermined(counts, result, groups));
    }

    [Fact]
    public void A_lone_withheld_cell_is_determined_by_subtraction()
    {
        long[] counts = [40, 37, 3];
        SuppressionGroup[] groups = [new(0, [1, 2])];
        Assert.Equal([2], DisclosureBounds.DeterminedCells(Disclose(counts, [false, false, true]), groups));
    }

    [Fact]
    public void In_random_overlapping_tables_no_reader_trying_every_value_can_pin_down_a_withheld_cell()
    {
        var random = new Random(20261123);
        for (var trial = 0; trial < 400; trial++)
        {
            var leaves = random.Next(2, 5);
            var counts = Enumerable.Range(0, leaves).Select(_ => (long)random.Next(0, 9)).ToList();
            var groups = new List<SuppressionGroup>();
            for (var g = 0; g < random.Next(1, 3); g++)
            {
                var members = Enumerable.Range(0, leaves).Where(_ => random.NextDouble() < 0.6).ToList();
                if (members.Count == 0) members.Add(random.Next(leaves));
                counts.Add(members.Sum(m => counts[m]));
                groups.Add(new SuppressionGroup(counts.Count - 1, members));
            }

            var result = DisclosureControl.SuppressComplementary(counts, groups);

            Assert.True(DisclosureBounds.DeterminedCells(result, groups).Count == 0,
                $"trial {trial}: counts [{string.Join(", ", counts)}], groups {string.Join("; ", groups.Select(g => $"{g.Parent}=[{string.Join(",", g.Members)}]"))}, shown [{string.Join(", ", result.Select(r => r.Display))}]");
            // The rule audits each additive group of the output; so does the reader here, one group at a time.
            var determined = groups.SelectMany(g => BruteForceDetermined(counts, result, [g])).Distinct().ToList();
            Assert.True(determined.Count == 0,
                $"trial {trial}: counts [{string.Join(", ", counts)}], shown [{string.Join(", ", result.Select(r => r.Display))}], determined cells {string.Join(", ", determined)}");
        }
    }

    private static DisclosedCount[] Disclose(long[] counts, bool[] primary) =>
        counts.Select((c, i) => primary[i] ? new DisclosedCount(null, true, false) : new DisclosedCount(c, false, false)).ToArray();

    /// <summary>
    /// Every assignment of the withheld cells (each within its published range, values up to 60) that satisfies
    /// the given groups; a count of 1–4 is disclosed when all such assignments give it the same value.
    /// </summary>
    private static List<int> BruteForceDetermined(IReadOnlyList<long> counts, IReadOnlyList<DisclosedCount> shown, IReadOnlyList<SuppressionGroup> groups)
    {
        var inGroups = groups.SelectMany(g => g.Cells).ToHashSet();
        var hidden = Enumerable.Range(0, shown.Count).Where(i => shown[i].Suppressed && inGroups.Contains(i)).ToList();
        var choices = hidden.Select(i => shown[i].Secondary
            ? new long[] { 0 }.Concat(Enumerable.Range(5, 56).Select(v => (long)v)).ToArray()
            : [1L, 2, 3, 4]).ToList();
        var seen = hidden.Select(_ => new HashSet<long>()).ToList();
        var values = shown.Select(s => s.Value ?? 0).ToArray();
        void Search(int k)
        {
            if (k == hidden.Count)
            {
                if (groups.All(g => values[g.Parent] == g.Members.Sum(m => values[m])))
                    for (var j = 0; j < hidden.Count; j++) seen[j].Add(values[hidden[j]]);
                return;
            }
            foreach (var v in choices[k])
            {
                values[hidden[k]] = v;
                Search(k + 1);
            }
        }
        Assert.True(hidden.Count <= 6, "table too large to enumerate");
        Search(0);
        // The true values are always among the solutions; a cell with a single value is determined.
        return hidden.Where((cell, j) => seen[j].Count == 1 && !shown[cell].Secondary).ToList();
    }
}
