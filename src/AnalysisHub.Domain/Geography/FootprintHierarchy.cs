namespace AnalysisHub.Domain.Geography;

/// <summary>
/// Derives navigation from membership alone, among the footprints valid on one day with their members that day.
/// Parents of X are the smallest footprints strictly containing X (a transitive reduction of the strict-superset
/// order); children are the inverse; footprints with the same members are each other's <c>sameAs</c>, neither
/// parent nor child. Rollups are shared over whole histories instead (<see cref="AssignRollups"/>).
/// </summary>
internal static class FootprintHierarchy
{
    public static Dictionary<Footprint, FootprintNavigation> On(IReadOnlyList<Footprint> footprints, DateOnly day)
    {
        var valid = footprints.Where(f => f.IsValidOn(day)).ToList();
        var sets = valid.ToDictionary(f => f, f => f.MembersOn(day).ToHashSet());
        bool StrictlyInside(Footprint a, Footprint b) => sets[a].IsProperSubsetOf(sets[b]);

        var parents = new Dictionary<Footprint, List<string>>();
        var children = valid.ToDictionary(f => f, _ => new List<string>());
        foreach (var f in valid)
        {
            var supersets = valid.Where(s => StrictlyInside(f, s)).ToList();
            var smallest = supersets.Where(p => !supersets.Any(between => StrictlyInside(between, p))).ToList();
            parents[f] = smallest.Select(p => p.Id).ToList();
            foreach (var p in smallest) children[p].Add(f.Id);
        }
        return valid.ToDictionary(f => f, f => new FootprintNavigation(parents[f], children[f],
            valid.Where(o => o != f && sets[o].SetEquals(sets[f])).Select(o => o.Id).ToList()));
    }

    /// <summary>
    /// Sets each footprint's navigation as of <paramref name="today"/> — for one not valid today, as of its last
    /// day (or, before it begins, its first) — and its rollup.
    /// </summary>
    public static void Derive(IReadOnlyList<Footprint> footprints, DateOnly today)
    {
        foreach (var group in footprints.GroupBy(f => ReferenceDay(f, today)))
        {
            var navigation = On(footprints, group.Key);
            foreach (var f in group)
            {
                var n = navigation[f];
                (f.Parents, f.Children, f.SameAs) = (n.Parents, n.Children, n.SameAs);
            }
        }
        AssignRollups(footprints);
    }

    private static DateOnly ReferenceDay(Footprint f, DateOnly today) =>
        f.IsValidOn(today) ? today : f.ValidTo is { } to && to < today ? to : f.ValidFrom!.Value;

    /// <summary>
    /// Footprints share one rollup only when their whole membership histories are equal (same periods, same
    /// members): then every figure of theirs, on either boundary, is the same. A footprint whose only member ever
    /// is one authority is that authority's grain.
    /// </summary>
    private static void AssignRollups(IReadOnlyList<Footprint> footprints)
    {
        // In registry order, each joining those before it: the first with a history owns its rollup.
        var before = new List<Footprint>(footprints.Count);
        foreach (var f in footprints)
        {
            JoinRollup(f, before);
            before.Add(f);
        }
    }

    /// <summary>Gives a footprint the rollup of an earlier one with the same history (at load, or defined later), or its own.</summary>
    public static void JoinRollup(Footprint added, IReadOnlyList<Footprint> existing) =>
        added.RollupId = added.IsAnsweredByAuthority
            ? added.Members[0].Id
            : existing.FirstOrDefault(o => !o.IsAnsweredByAuthority && o.RollupId == o.Id && SameHistory(o, added))?.Id ?? added.Id;

    private static bool SameHistory(Footprint a, Footprint b) =>
        a.Membership.Count == b.Membership.Count && a.Membership.Zip(b.Membership).All(p => p.First.SameAs(p.Second));
}
