using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AnalysisHub.Cluster.Tests;

/// <summary>Keys live in PostgreSQL: one issued or revoked on one node holds on every other within a second.</summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyRevocationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_key_issued_on_one_node_works_on_another_and_once_revoked_is_refused_there_within_a_second()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 2);
        using var first = cluster.Client(cluster.SiloAddress(1), cluster.AdminKey);

        var created = await first.PostAsJsonAsync("/api/v1/admin/keys", new { owner = "cluster analyst", scopes = new[] { "read:partner" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var (id, secret) = (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);

        using var second = cluster.Client(cluster.SiloAddress(2), secret);
        var issued = await TimeUntilAsync(second, HttpStatusCode.OK, TimeSpan.FromSeconds(1));
        Assert.True(issued is not null, "the key issued on node 1 was not accepted by node 2 within 1 s");

        Assert.Equal(HttpStatusCode.NoContent, (await first.DeleteAsync($"/api/v1/admin/keys/{id}")).StatusCode);
        var revoked = await TimeUntilAsync(second, HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1));
        output.WriteLine($"issued → accepted on node 2 after {issued?.TotalMilliseconds:0} ms; revoked → refused on node 2 after {revoked?.TotalMilliseconds:0} ms");
        Assert.True(revoked is not null, "the key revoked on node 1 was still accepted by node 2 after 1 s");
    }

    /// <summary>How long until a partner read answers <paramref name="status"/>; null when it did not within <paramref name="within"/>.</summary>
    private static async Task<TimeSpan?> TimeUntilAsync(HttpClient http, HttpStatusCode status, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed <= within)
        {
            using var response = await http.GetAsync("/api/v1/alerts");
            if (response.StatusCode == status) return clock.Elapsed;
            await Task.Delay(20);
        }
        return null;
    }
}
