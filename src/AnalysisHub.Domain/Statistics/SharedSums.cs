using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The sums an output reveals: a shown footprint whose members are exactly covered, without overlap, by the
/// largest other shown footprints inside it (Wales by the RPBs; a CSP by its authorities). Each is a group
/// for complementary suppression.
/// </summary>
public static class SharedSums
{
    public static IReadOnlyList<SuppressionGroup> Of(IReadOnlyList<Footprint> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var sets = shown.Select(f => f.Members.ToHashSet()).ToList();
        var groups = new List<SuppressionGroup>();
        for (var parent = 0; parent < shown.Count; parent++)
        {
            var inside = Enumerable.Range(0, shown.Count)
                .Where(i => i != parent && sets[i].IsProperSubsetOf(sets[parent])).ToList();
            // Keep the largest: drop any candidate inside another candidate (and duplicates of the same set).
            var maximal = inside.Where(i => !inside.Any(j => j != i &&
                (sets[i].IsProperSubsetOf(sets[j]) || (sets[i].SetEquals(sets[j]) && j < i)))).ToList();
            var covered = maximal.SelectMany(i => sets[i]).ToList();
            if (maximal.Count > 1 && covered.Count == sets[parent].Count && covered.ToHashSet().SetEquals(sets[parent]))
                groups.Add(new SuppressionGroup(parent, maximal));
        }
        return groups;
    }
}
