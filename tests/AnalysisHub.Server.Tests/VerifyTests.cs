using System.Diagnostics;
using Microsoft.Data.Sqlite;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>The recount audit: <c>GET /api/v1/admin/verify</c> and the <c>verify</c> command.</summary>
public sealed class VerifyTests
{
    [Fact]
    public async Task A_hub_whose_rollups_follow_the_ledger_has_no_differences_and_the_command_exits_0()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync();
        await hub.Http.IngestNdjson("crime", Enumerable.Range(0, 200).Select(i =>
            Record($"v-{i}", $"2025-0{1 + i % 9}-1{i % 9}T10:00:00Z", i % 2 == 0 ? "W06000015" : "W01001780", "robbery", flags: i % 3 == 0 ? "alcohol" : null)).ToArray());
        await hub.Http.IngestNdjson("crime", Record("v-0", "2025-01-10T10:00:00Z", "W06000011", "burglary", version: 2),
            Record("v-1", "2025-01-10T10:00:00Z", "W06000011", "burglary", version: 3, status: "cancelled"));

        // Straight after the acknowledgement: changes in flight are waited for, not reported.
        var report = await hub.Http.GetJson("/api/v1/admin/verify");
        Assert.Equal(22, report.GetProperty("authorities").GetInt32());
        Assert.True(report.GetProperty("footprints").GetInt32() > 50);
        Assert.Empty(report.GetProperty("differences").EnumerateArray());
        Assert.True(report.TryGetProperty("checkedAt", out _));

        var (exitCode, output) = await RunVerify(hub.BaseAddress.ToString(), hub.AdminKey);
        Assert.True(exitCode == 0, output);
        Assert.Contains("no differences", output);
    }

    [Fact]
    public async Task A_record_changed_behind_the_hubs_back_is_reported_and_the_command_exits_1()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync("--Rollup:CheckpointInterval", "00:00:00.5");
        await hub.Http.IngestNdjson("crime", Record("tampered", "2025-07-01T10:00:00Z", "W06000015", "robbery"));
        await hub.Http.EventuallyTotal(1, "la:cardiff", "crime", "2025-01-01", "2025-12-31");
        await Task.Delay(1500); // a checkpoint holds the record, so the restart does not recount
        await hub.KillAsync();
        // The ledger now says burglary; Cardiff's checkpoint still says robbery.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(hub.DataDirectory, "ledger.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var update = db.CreateCommand();
            update.CommandText = "UPDATE records SET category = 'burglary' WHERE id = 'tampered'";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        await hub.StartAsync();

        var differences = (await hub.Http.GetJson("/api/v1/admin/verify")).GetProperty("differences").EnumerateArray()
            .Where(d => d.GetProperty("footprint").GetString() == "la:cardiff" && d.GetProperty("hourOfWeek").ValueKind == System.Text.Json.JsonValueKind.Null)
            .Select(d => (d.GetProperty("category").GetString(), d.GetProperty("day").GetString(), d.GetProperty("grain").GetInt64(), d.GetProperty("ledger").GetInt64()))
            .Order().ToList();
        Assert.Equal([("burglary", "2025-07-01", 0L, 1L), ("robbery", "2025-07-01", 1L, 0L)], differences);

        var (exitCode, output) = await RunVerify(hub.BaseAddress.ToString(), hub.AdminKey);
        Assert.True(exitCode == 1, output);
        Assert.Contains("la:cardiff crime robbery 2025-07-01: grain 1, ledger 0", output);
    }

    [Fact]
    public async Task The_command_exits_2_when_no_hub_answers()
    {
        var (exitCode, output) = await RunVerify("http://127.0.0.1:9", "no-hub-answers-this-key");
        Assert.True(exitCode == 2, output);
        Assert.Contains("could not ask", output);
    }

    private static async Task<(int ExitCode, string Output)> RunVerify(string server, string key)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { HubProcess.ServerDll(), "verify", "--server", server }) start.ArgumentList.Add(a);
        // The key travels in the environment, as a scheduled job would pass it.
        start.Environment["HUB_KEY"] = key;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
