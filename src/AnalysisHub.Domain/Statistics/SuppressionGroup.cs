namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// One additive constraint among the cells of an output: the parent cell's count is the sum of its members'
/// (Cwm Taf CSP = Rhondda Cynon Taf + Merthyr Tydfil). A cell may sit in several groups, as parent of one and
/// member of another, which is how overlapping footprints make differencing possible.
/// </summary>
public sealed record SuppressionGroup(int Parent, IReadOnlyList<int> Members)
{
    /// <summary>The parent followed by the members: every cell the constraint ties together.</summary>
    public IEnumerable<int> Cells => Members.Prepend(Parent);
}
