using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Contracts;

/// <summary>
/// Finds the grain that answers for a footprint. Footprints with the same members share one: a single-member
/// footprint is its authority's grain; others are the footprint grain of their <see cref="Footprint.RollupId"/>.
/// </summary>
public static class RollupGrains
{
    public static IRollupGrain For(IGrainFactory grains, Footprint footprint) => footprint.Members.Count == 1
        ? grains.GetGrain<IAuthorityGrain>(footprint.RollupId)
        : grains.GetGrain<IFootprintGrain>(footprint.RollupId);
}
