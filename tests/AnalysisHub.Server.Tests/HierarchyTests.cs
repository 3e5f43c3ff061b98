using AnalysisHub.Domain.Geography;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

[Collection(SharedHubCollection.Name)]
public sealed class HierarchyTests(SharedHub shared)
{
    [Fact]
    public async Task For_every_kind_that_partitions_wales_the_footprints_sum_to_the_wales_figure()
    {
        var http = shared.Http;
        var authorities = GeographyLoader.LoadReference().Authorities;
        var rows = Enumerable.Range(0, 2_000).Select(i => Record($"h1-{i}", $"2023-{1 + i % 12:D2}-{1 + i % 28:D2}T{i % 24:D2}:15:00Z",
            authorities[(i * 13) % authorities.Count].Code!, i % 2 == 0 ? "homicide" : "violence-without-injury")).ToArray();
        await http.IngestNdjson("crime", rows);
        await http.EventuallyTotal(2_000, "nation:wales", "crime", "2023-01-01", "2023-12-31");

        var footprints = (await http.GetJson("/api/v1/footprints")).EnumerateArray().ToList();
        foreach (var kind in FootprintKind.Partitioning)
        {
            long sum = 0;
            foreach (var footprint in footprints.Where(f => f.GetProperty("kind").GetString() == kind))
                sum += await http.Total(footprint.GetProperty("id").GetString()!, "crime", "2023-01-01", "2023-12-31");
            Assert.True(sum == 2_000, $"{kind}: {sum}");
        }
    }
}
