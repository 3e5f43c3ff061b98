namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// Small-number suppression for public outputs. Counts 1–4 are withheld (shown <c>&lt;5</c>; 0 stays 0) and so are
/// rates and intervals built on them; and because overlapping footprints appear in the same output,
/// complementary suppression makes sure no withheld count can be recovered by subtracting shown ones. Partner
/// audiences see unsuppressed counts; which audience applies is the caller's decision, made from its role.
/// </summary>
public static class DisclosureControl
{
    public const long SmallestShown = 5;
    public const long ReliableFrom = 10;
    public const string SuppressedText = "<5";

    /// <summary>Shown for a count withheld only so that another cannot be derived.</summary>
    public const string ComplementaryText = "*";

    /// <summary>Counts 1–4 are withheld; 0 is shown.</summary>
    public static bool IsPrimarySuppressed(long count) => count is > 0 and < SmallestShown;

    /// <summary>Rates from fewer than 10 events are too unstable to compare.</summary>
    public static bool IsUnreliable(long count) => count < ReliableFrom;

    public static DisclosedCount Disclose(long count) =>
        IsPrimarySuppressed(count) ? new DisclosedCount(null, true, false) : new DisclosedCount(count, false, false);

    /// <summary>A rate for a public audience; <paramref name="suppressed"/> also withholds a rate whose count was
    /// suppressed by <see cref="SuppressComplementary"/>.</summary>
    public static DisclosedRate Disclose(CrudeRateResult rate, bool suppressed = false)
    {
        ArgumentNullException.ThrowIfNull(rate);
        var count = suppressed || IsPrimarySuppressed(rate.Count)
            ? new DisclosedCount(null, true, !IsPrimarySuppressed(rate.Count))
            : new DisclosedCount(rate.Count, false, false);
        return count.Suppressed
            ? new DisclosedRate(count, null, null, null, IsUnreliable(rate.Count))
            : new DisclosedRate(count, rate.Rate, rate.Ci95, rate.Ci998, IsUnreliable(rate.Count));
    }

    /// <summary>
    /// Primary then complementary suppression over cells tied by additive <paramref name="groups"/>. While the
    /// shown figures let a reader pin down a count of 1–4 (<see cref="DisclosureBounds"/>: by subtraction, because
    /// only one value of its range fits — two <c>&lt;5</c> cells that must add to 2 — or by combining groups), one
    /// more cell is withheld. Suppression only grows, so it ends.
    /// </summary>
    /// <returns>one entry per cell, in the order of <paramref name="counts"/>.</returns>
    public static IReadOnlyList<DisclosedCount> SuppressComplementary(IReadOnlyList<long> counts, IReadOnlyList<SuppressionGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var g in groups)
            foreach (var cell in g.Cells)
                if (cell < 0 || cell >= counts.Count)
                    throw new ArgumentOutOfRangeException(nameof(groups), cell, "A group refers to a cell outside the table.");

        var suppressed = counts.Select(IsPrimarySuppressed).ToArray();
        var secondary = new bool[counts.Count];

        // Repeat until no count of 1–4 can be pinned down: each round withholds one more cell — a member that on its
        // own ends the disclosure (smallest count first, so totals stay visible where possible), else a total that
        // does, else the smallest shown member (or the total) of a group holding the disclosed cell.
        while (DisclosureBounds.DeterminedCells(Disclosed(counts, suppressed, secondary), groups) is [var exposed, ..])
        {
            var members = groups.SelectMany(g => g.Members).Where(c => !suppressed[c]).Distinct().OrderBy(c => counts[c]).ThenBy(c => c);
            var totals = groups.Select(g => g.Parent).Where(c => !suppressed[c]).Distinct().OrderBy(c => counts[c]).ThenBy(c => c);
            int? choice = members.Concat(totals).Cast<int?>().FirstOrDefault(c => !StillExposed(c!.Value));
            choice ??= groups.Where(g => g.Cells.Contains(exposed) && g.Cells.Any(c => !suppressed[c]))
                .Select(g => g.Members.Where(m => !suppressed[m]).OrderBy(m => counts[m]).ThenBy(m => m).Cast<int?>().FirstOrDefault() ?? g.Parent)
                .Cast<int?>().FirstOrDefault();
            if (choice is not { } cell) break; // every cell around it is already withheld: nothing more to hide
            suppressed[cell] = secondary[cell] = true;

            bool StillExposed(int candidate)
            {
                suppressed[candidate] = secondary[candidate] = true;
                var exposedStill = DisclosureBounds.DeterminedCells(Disclosed(counts, suppressed, secondary), groups).Contains(exposed);
                suppressed[candidate] = secondary[candidate] = false;
                return exposedStill;
            }
        }

        return Disclosed(counts, suppressed, secondary);
    }

    private static DisclosedCount[] Disclosed(IReadOnlyList<long> counts, bool[] suppressed, bool[] secondary) => counts
        .Select((c, i) => suppressed[i] ? new DisclosedCount(null, true, secondary[i]) : new DisclosedCount(c, false, false))
        .ToArray();
}
