using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace AnalysisHub.Cluster.Tests;

/// <summary>
/// Defined footprints live in PostgreSQL: one defined through one node is answered for by every node, over the
/// records sent before it, and one deleted through another node is gone everywhere.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DefinedFootprintClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_footprint_defined_on_one_node_is_answered_for_by_every_node_and_a_deletion_holds_everywhere()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 2);
        using var first = cluster.Client(cluster.SiloAddress(1), cluster.AdminKey);
        using var second = cluster.Client(cluster.SiloAddress(2), cluster.AdminKey);

        var records = string.Join('\n', Enumerable.Range(0, 30).Select(i =>
            $$"""{"id":"cdf-{{i}}","occurredAt":"2024-0{{1 + i % 9}}-10T12:00:00Z","area":"{{(i % 3 == 0 ? "W06000024" : i % 3 == 1 ? "W06000018" : "W06000015")}}","category":"robbery"}"""));
        using (var posted = await cluster.Gateway.PostAsync("/api/v1/feeds/crime/records", new StringContent(records, Encoding.UTF8, "application/x-ndjson")))
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        using (var defined = await first.PostAsJsonAsync("/api/v1/footprints",
                   new { id = "custom:cluster-valleys", name = "Valleys", members = new[] { "la:merthyr-tydfil", "la:caerphilly" } }))
            Assert.Equal(HttpStatusCode.Created, defined.StatusCode);

        // Node 2 answers for it, with the 20 records of its members sent before it was defined.
        var seen = await TimeUntilAsync(async () =>
        {
            using var response = await second.GetAsync("/api/v1/footprints/custom:cluster-valleys/series?feed=crime&from=2024-01-01&to=2024-12-31&granularity=year");
            return response.IsSuccessStatusCode &&
                   JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt64() == 20;
        }, TimeSpan.FromSeconds(10));
        Assert.True(seen is not null, "node 2 did not answer for the footprint defined on node 1 within 10 s:\n" + cluster.Logs());

        using (var deleted = await second.DeleteAsync("/api/v1/footprints/custom:cluster-valleys"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var gone = await TimeUntilAsync(async () =>
        {
            using var response = await first.GetAsync("/api/v1/footprints/custom:cluster-valleys");
            return response.StatusCode == HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(5));
        output.WriteLine($"defined → exact on node 2 after {seen?.TotalMilliseconds:0} ms; deleted → gone on node 1 after {gone?.TotalMilliseconds:0} ms");
        Assert.True(gone is not null, "node 1 still answered for the footprint deleted on node 2 after 5 s");
    }

    private static async Task<TimeSpan?> TimeUntilAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed <= within)
        {
            if (await condition()) return clock.Elapsed;
            await Task.Delay(50);
        }
        return null;
    }
}
