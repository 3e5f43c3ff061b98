using System.Diagnostics;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Acknowledged means durable; a restart brings every rollup back.</summary>
public sealed class DurabilityTests
{
    private static readonly string[] Footprints = ["la:cardiff", "csp:cwm-taf", "psb:gwent", "rpb:north-wales", "apb:dyfed", "force:south-wales", "nation:wales"];

    [Fact]
    public async Task After_a_restart_every_rollup_answers_as_before()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync("--Rollup:CheckpointInterval", "00:00:00.5");
        await hub.Http.IngestNdjson("crime", Enumerable.Range(0, 300).Select(i =>
            Record($"r-{i}", $"2024-0{1 + i % 9}-1{i % 9}T10:00:00Z", $"W06000{(i % 2 == 0 ? "015" : "018")}", "robbery")).ToArray());
        await hub.Http.IngestNdjson("crime", Record("r-0", "2024-01-10T10:00:00Z", "W06000001", "robbery", version: 2));
        await hub.Http.EventuallyTotal(300, "nation:wales", "crime", "2024-01-01", "2024-12-31");
        await Task.Delay(1500); // let checkpoints be written, so the restart reads them and not only the log
        var before = await Snapshot(hub.Http);

        await StopGracefully(hub);
        await hub.StartAsync();
        Assert.Equal(before, await Snapshot(hub.Http));
    }

    [Fact]
    public async Task A_batch_acknowledged_the_instant_before_kill_9_is_not_lost()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync();
        var counts = await hub.Http.IngestNdjson("ambulance-assaults", Enumerable.Range(0, 1000).Select(i =>
            Record($"k-{i}", $"2024-03-{1 + i % 28:D2}T21:00:00Z", "W06000011", "assault")).ToArray());
        await hub.KillAsync(); // SIGKILL straight after the 200
        Assert.Equal(1000, counts.Accepted);

        await hub.StartAsync();
        await hub.Http.EventuallyTotal(1000, "nation:wales", "ambulance-assaults", "2024-01-01", "2024-12-31");
        Assert.Equal(1000, await hub.Http.Total("rpb:west-glamorgan", "ambulance-assaults", "2024-01-01", "2024-12-31"));
        // And the ledger remembers the identities: a retry of the same batch is all duplicates.
        var retry = await hub.Http.IngestNdjson("ambulance-assaults", Record("k-5", "2024-03-06T21:00:00Z", "W06000011", "assault"));
        Assert.Equal(new Counts(0, 0, 1, 0, 0), retry);
    }

    [Fact]
    public async Task The_server_refuses_to_start_on_a_bad_geography_file_and_names_the_problem()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            {"footprints": [
              {"id": "la:a", "kind": "la", "name": "A", "code": "W06000001", "population": 10},
              {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a", "la:nowhere"]},
              {"id": "psb:empty", "kind": "psb", "name": "Empty", "members": []}
            ]}
            """);
        await using var hub = new HubProcess();
        var (exitCode, output) = await hub.RunToExitAsync(TimeSpan.FromSeconds(60), "--geography", file);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("la:nowhere", output);
        Assert.Contains("psb:empty", output);
        File.Delete(file);
    }

    private static async Task<Dictionary<string, string>> Snapshot(HttpClient http)
    {
        var result = new Dictionary<string, string>();
        foreach (var footprint in Footprints)
            result[footprint] = (await http.GetJson($"/api/v1/footprints/{footprint}/series?feed=crime&from=2024-01-01&to=2024-12-31&granularity=month"))
                .GetProperty("points").GetRawText();
        return result;
    }

    private static async Task StopGracefully(HubProcess hub)
    {
        using var kill = Process.Start("kill", ["-TERM", hub.Pid.ToString()]);
        await kill.WaitForExitAsync();
        await hub.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }
}
