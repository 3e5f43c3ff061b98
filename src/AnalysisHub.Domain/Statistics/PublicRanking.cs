namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The members a public "most events" table may list beside the footprint's own count, which is their sum. Only
/// members with 5 or more are listed, so the table holds no "&lt;5" rows whose order would compare withheld counts.
/// <para>
/// The footprint's count minus the listed ones is what the members left out hold together, and the table itself
/// bounds them: a member left out of a table with room to spare has fewer than 5; one left out of a full table has
/// at most the last listed count. A remainder shared by members at their bounds, or held by a single member, gives
/// each count away (three members left out with 12 between them, none of them above 4, all have 4). So when any
/// member has 1–4, the table is shown only if it is full and leaves out at least two members whose counts could
/// still be split in more than one way; otherwise the whole table is withheld. Withholding the table, rather than
/// some rows, keeps its bounds from applying at all, and it is withheld in enough ways (every table with a small
/// member and room to spare) that knowing the rule does not say which.
/// </para>
/// </summary>
public static class PublicRanking
{
    /// <param name="total">the footprint's count: the sum of every member's.</param>
    /// <param name="ranked">every member's count, most first, ties in the order the table would break them.</param>
    /// <param name="top">how many members the table lists at most; at least 2, so that a table withheld for having
    /// room to spare can always hide a member of 5 or more (a one-row table is full as soon as one member has 5).</param>
    /// <returns>the positions in <paramref name="ranked"/> of the members to list, in rank order; null when the
    /// table is withheld.</returns>
    public static IReadOnlyList<int>? Listed(long total, IReadOnlyList<long> ranked, int top)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 2);
        for (var i = 1; i < ranked.Count; i++)
            if (ranked[i] > ranked[i - 1]) throw new ArgumentException("Members must be ranked most first.", nameof(ranked));

        // Ranked most first, the members with 5 or more come before all others.
        var listed = Enumerable.Range(0, ranked.Count).TakeWhile(i => ranked[i] >= DisclosureControl.SmallestShown).Take(top).ToList();
        if (!ranked.Any(DisclosureControl.IsPrimarySuppressed)) return listed;

        var left = ranked.Count - listed.Count;
        if (listed.Count < top || left < 2) return null;
        // Each member left out has at most the last listed count (one less if it would have been listed on a tie;
        // counted so here for all). A remainder that reaches the sum of those bounds could pin them.
        var remainder = total - listed.Sum(i => ranked[i]);
        var cap = ranked[listed[^1]] - 1;
        return remainder >= left * cap ? null : listed;
    }
}
