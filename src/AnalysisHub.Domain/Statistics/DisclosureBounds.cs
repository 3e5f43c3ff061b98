namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// What a reader who knows the suppression rules can infer from one additive group of a public output: each
/// withheld cell lies in a known set — 1–4 when shown as <c>&lt;5</c> (primary), 0 or at least 5 when withheld to
/// protect another (complementary) — and the group's parent equals the sum of its members. A withheld cell is
/// <em>determined</em> when only one value of its set fits the equation with the shown values and the other withheld
/// cells' sets: subtraction (one withheld cell) is the simplest case; two <c>&lt;5</c> cells that must add to 2
/// (both 1) or to 8 (both 4) is another, and what one group reveals is used in the others.
/// </summary>
// Implementation note: sets of integers as sorted lists of disjoint closed intervals, "unbounded" capped at a value
// far above any count; the other cells' possible sum is the Minkowski sum of their sets, which stays a few
// intervals because [5, ∞) absorbs everything above it.
public static class DisclosureBounds
{
    private const long Unbounded = 1L << 50;

    private readonly record struct Span(long Low, long High);

    /// <summary>
    /// Counts of 1–4 (shown <c>&lt;5</c>) whose value a reader can pin down. The reader narrows every withheld cell's
    /// range group by group, using what one group teaches in the others, until nothing narrows further; a cell of
    /// 1–4 left with one possible value is disclosed. (Cells withheld only as complements are not sensitive, but
    /// what is learnt of them is used.)
    /// </summary>
    public static IReadOnlyList<int> DeterminedCells(IReadOnlyList<DisclosedCount> disclosed, IReadOnlyList<SuppressionGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(disclosed);
        ArgumentNullException.ThrowIfNull(groups);
        var ranges = new Dictionary<int, List<Span>>();
        for (var i = 0; i < disclosed.Count; i++)
            if (disclosed[i].Suppressed) ranges[i] = Domain(disclosed[i]);
        bool narrowed;
        var rounds = 0;
        do
        {
            narrowed = false;
            foreach (var group in groups)
                foreach (var (cell, allowed) in Narrow(disclosed, group, ranges))
                    if (!allowed.SequenceEqual(ranges[cell]))
                    {
                        ranges[cell] = allowed;
                        narrowed = true;
                    }
        } while (narrowed && ++rounds < 100);
        return ranges.Where(r => !disclosed[r.Key].Secondary && r.Value is [var only] && only.Low == only.High)
            .Select(r => r.Key).Order().ToArray();
    }

    /// <summary>Each withheld cell of the group with the values the group's equation still allows it.</summary>
    private static IEnumerable<(int Cell, List<Span> Allowed)> Narrow(
        IReadOnlyList<DisclosedCount> disclosed, SuppressionGroup group, IReadOnlyDictionary<int, List<Span>> ranges)
    {
        // parent − Σ members = 0, written as Σ coefficient·x = 0 over the group's distinct cells.
        var terms = new Dictionary<int, long>();
        terms[group.Parent] = 1;
        foreach (var m in group.Members) terms[m] = terms.GetValueOrDefault(m) - 1;
        long known = 0;
        var hidden = new List<(int Cell, long Coefficient)>();
        foreach (var (cell, coefficient) in terms)
        {
            if (coefficient == 0) continue;
            if (disclosed[cell].Value is { } value) known += coefficient * value;
            else hidden.Add((cell, coefficient));
        }
        foreach (var (cell, coefficient) in hidden)
        {
            // coefficient·x = −known − Σ others: the values of x that some choice of the others allows.
            var others = new List<Span> { new(0, 0) };
            foreach (var (other, c) in hidden)
                if (other != cell) others = Sum(others, Scale(ranges[other], c));
            var allowed = Intersect(ranges[cell], Solve(others, coefficient, -known));
            // The true values always satisfy every group, so a range never empties; keep it whole if arithmetic says otherwise.
            yield return (cell, allowed.Count == 0 ? ranges[cell] : allowed);
        }
    }

    private static List<Span> Domain(DisclosedCount count) => count.Secondary
        ? [new(0, 0), new(DisclosureControl.SmallestShown, Unbounded)]
        : [new(1, DisclosureControl.SmallestShown - 1)];

    private static List<Span> Scale(List<Span> set, long coefficient) => coefficient switch
    {
        1 => set,
        -1 => set.Select(s => new Span(-s.High, -s.Low)).Reverse().ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, "a cell appears at most once on each side"),
    };

    private static List<Span> Sum(List<Span> a, List<Span> b) =>
        Merge(a.SelectMany(x => b.Select(y => new Span(Clamp(x.Low + y.Low), Clamp(x.High + y.High)))));

    // {x : coefficient·x + s = target for some s in sums}, i.e. x = (target − s) / coefficient with coefficient ±1.
    private static List<Span> Solve(List<Span> sums, long coefficient, long target) =>
        Merge(sums.Select(s => coefficient == 1 ? new Span(target - s.High, target - s.Low) : new Span(s.Low - target, s.High - target)));

    private static List<Span> Intersect(List<Span> a, List<Span> b) =>
        Merge(a.SelectMany(x => b.Select(y => new Span(Math.Max(x.Low, y.Low), Math.Min(x.High, y.High)))).Where(s => s.Low <= s.High));

    private static long Clamp(long value) => Math.Clamp(value, -Unbounded, Unbounded);

    private static List<Span> Merge(IEnumerable<Span> spans)
    {
        var merged = new List<Span>();
        foreach (var s in spans.OrderBy(s => s.Low))
        {
            if (merged.Count > 0 && s.Low <= merged[^1].High + 1)
                merged[^1] = merged[^1] with { High = Math.Max(merged[^1].High, s.High) };
            else merged.Add(s);
        }
        return merged;
    }
}
