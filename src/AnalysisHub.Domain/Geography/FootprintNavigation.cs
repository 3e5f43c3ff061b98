namespace AnalysisHub.Domain.Geography;

/// <summary>
/// Where a footprint sits among the footprints of one day: the smallest footprints strictly containing it, the
/// inverse, and those with the same members that day (ids, in registry order).
/// </summary>
public sealed record FootprintNavigation(IReadOnlyList<string> Parents, IReadOnlyList<string> Children, IReadOnlyList<string> SameAs);
