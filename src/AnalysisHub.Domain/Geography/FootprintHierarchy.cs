namespace AnalysisHub.Domain.Geography;

/// <summary>
/// Derives navigation from membership alone. Parents of X are the smallest footprints strictly containing
/// X (a transitive reduction of the strict-superset order); children are the inverse; footprints with the
/// same members are each other's <c>sameAs</c>, neither parent nor child.
/// </summary>
internal static class FootprintHierarchy
{
    public static void Derive(IReadOnlyList<Footprint> footprints)
    {
        var sets = footprints.ToDictionary(f => f.Id, f => f.Members.ToHashSet());
        bool StrictlyInside(Footprint a, Footprint b) => sets[a.Id].IsProperSubsetOf(sets[b.Id]);

        var children = footprints.ToDictionary(f => f.Id, _ => new List<string>());
        foreach (var f in footprints)
        {
            var supersets = footprints.Where(s => StrictlyInside(f, s)).ToList();
            var parents = supersets.Where(p => !supersets.Any(between => StrictlyInside(between, p))).ToList();
            f.Parents = parents.Select(p => p.Id).ToList();
            foreach (var p in parents) children[p.Id].Add(f.Id);
            f.SameAs = footprints.Where(o => o != f && sets[o.Id].SetEquals(sets[f.Id])).Select(o => o.Id).ToList();
        }
        foreach (var f in footprints)
        {
            f.Children = children[f.Id];
            f.RollupId = f.Members.Count == 1
                ? f.Members[0].Id
                : footprints.First(o => o.Members.Count > 1 && sets[o.Id].SetEquals(sets[f.Id])).Id;
        }
    }
}
