using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace AnalysisHub.Grains.Tests;

/// <summary>
/// The domain's query, result and extent types cross grain calls as they are, through their surrogates: what is
/// serialized comes back equal, and a call inside a silo passes them without copying (they are never changed).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WireFormTests(ClusterFixture fixture)
{
    private IServiceProvider Services => fixture.Cluster.Client.ServiceProvider;

    [Fact]
    public void A_series_query_and_its_result_survive_serialization_and_are_not_copied()
    {
        var serializer = Services.GetRequiredService<Serializer>();
        var query = new SeriesQuery(3, [7, 8, 9], 0x5, new DateRange(new DateOnly(2024, 2, 29), new DateOnly(2025, 7, 1)), Granularity.Week);
        var result = new SeriesResult(
            [new SeriesPoint("2024-W09", new DateOnly(2024, 2, 26), new DateOnly(2024, 3, 3), 4), new SeriesPoint("2024-W10", new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 10), 0)],
            4, 2);

        var query2 = serializer.Deserialize<SeriesQuery>(serializer.SerializeToArray(query))!;
        Assert.Equal((query.Feed, query.RequiredFlags, query.Range, query.Granularity), (query2.Feed, query2.RequiredFlags, query2.Range, query2.Granularity));
        Assert.Equal(query.Categories, query2.Categories);
        var result2 = serializer.Deserialize<SeriesResult>(serializer.SerializeToArray(result))!;
        Assert.Equal(result.Points, result2.Points);
        Assert.Equal((result.Total, result.ExcludedMonthPrecision), (result2.Total, result2.ExcludedMonthPrecision));

        var copier = Services.GetRequiredService<DeepCopier>();
        Assert.Same(query, copier.Copy(query));
        Assert.Same(result, copier.Copy(result));
    }

    [Fact]
    public void Extents_survive_serialization()
    {
        var serializer = Services.GetRequiredService<Serializer>();
        FeedExtent[] extents = [new(0, new DateOnly(2023, 2, 1), new DateOnly(2025, 7, 31)), new(4, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1))];
        Assert.Equal(extents, serializer.Deserialize<FeedExtent[]>(serializer.SerializeToArray(extents)));
    }
}
