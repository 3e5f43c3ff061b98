using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Contracts;

/// <summary>Finds the grain that answers for a footprint: authorities and multi-authority footprints differ.</summary>
public static class RollupGrains
{
    public static IRollupGrain For(IGrainFactory grains, Footprint footprint) => footprint.IsAuthority
        ? grains.GetGrain<IAuthorityGrain>(footprint.Id)
        : grains.GetGrain<IFootprintGrain>(footprint.Id);
}
