using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Contracts;

/// <summary>
/// Finds the grain that answers for a footprint. Footprints with the same members share one: a single-member
/// footprint is its authority's grain; others are the footprint grain of their <see cref="Footprint.RollupId"/>.
/// </summary>
/// <remarks>
/// Each grain factory's references are kept once made: Orleans resolves a grain interface's type by reading its
/// attributes on every <c>GetGrain</c>, which showed in every query's profile, and a grain reference is immutable
/// and safe to share. A grain factory's table holds one reference per rollup, so it stays as small as the geography.
/// </remarks>
public static class RollupGrains
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<(bool Authority, string Id), IRollupGrain>> References = new();

    public static IRollupGrain For(IGrainFactory grains, Footprint footprint)
    {
        var made = References.GetValue(grains, static _ => new ConcurrentDictionary<(bool, string), IRollupGrain>());
        var key = (footprint.IsAnsweredByAuthority, footprint.RollupId);
        return made.TryGetValue(key, out var grain) ? grain : made.GetOrAdd(key, Make(grains, key));
    }

    private static IRollupGrain Make(IGrainFactory grains, (bool Authority, string Id) key) => key.Authority
        ? grains.GetGrain<IAuthorityGrain>(key.Id)
        : grains.GetGrain<IFootprintGrain>(key.Id);
}
