using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;

namespace AnalysisHub.Server.Shared;

/// <summary>A footprint's series on the boundaries asked: its rollup's on current boundaries, made up from day and month counts as it was.</summary>
internal static class FootprintSeries
{
    public static async Task<SeriesResult> ReadAsync(IGrainFactory grains, Footprint footprint, SeriesQuery query, Boundaries boundaries,
        TimeSpan timeout)
    {
        // A footprint that always existed with the same members is the same on both boundaries.
        if (boundaries == Boundaries.Current || (footprint.HasFixedMembership && footprint.ValidFrom is null && footprint.ValidTo is null))
            return await RollupGrains.For(grains, footprint).GetSeries(query).WaitAsync(timeout);

        var around = DayCounts.MonthsAround(query.Range);
        async Task<DayCounts> CountsOf(Footprint source)
        {
            var grain = RollupGrains.For(grains, source);
            var days = grain.GetSeries(query with { Range = around, Granularity = Domain.Time.Granularity.Day }).WaitAsync(timeout);
            var months = grain.GetSeries(query with { Range = around, Granularity = Domain.Time.Granularity.Month }).WaitAsync(timeout);
            return DayCounts.From(await days, await months);
        }

        if (AsWasSeries.SourcesFor(footprint) is not { } authorities)
            return AsWasSeries.Calculate(footprint, query, await CountsOf(footprint), new Dictionary<Authority, DayCounts>());
        var counts = await Task.WhenAll(authorities.Select(async a => (Authority: a, Counts: await CountsOf(a.Footprint))));
        return AsWasSeries.Calculate(footprint, query, null, counts.ToDictionary(c => c.Authority, c => c.Counts));
    }

    /// <summary>The population a rate over <paramref name="from"/>..<paramref name="to"/> is taken over, on the boundaries asked.</summary>
    public static long PopulationOver(Footprint footprint, Boundaries boundaries, DateOnly from, DateOnly to) =>
        boundaries == Boundaries.AsWas ? AsWasSeries.PopulationOver(footprint, from, to) : footprint.Population;
}
