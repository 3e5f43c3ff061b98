using System.Diagnostics;
using System.Net;
using System.Text;
using AnalysisHub.Testing;

namespace AnalysisHub.Server.Tests.Hosting;

/// <summary>
/// The hub run as a user runs it: from a folder of their own, with the settings it ships. Its settings must be
/// read wherever it is run from, and its log must say only that it started, what is wrong and that it stopped;
/// not a line per request, not a stack trace for a client's mistake or a dropped connection.
/// </summary>
public sealed class DefaultLogTests
{
    private static readonly string[] StartUpCategories = ["Microsoft.Hosting.Lifetime", "AnalysisHub.Server.Hosting.RollupKeepAlive"];

    [Fact]
    public async Task Run_from_another_folder_the_hub_reads_its_settings_and_logs_only_start_up_warnings_and_errors()
    {
        var folder = Directory.CreateTempSubdirectory("hub-run-from-").FullName;
        try
        {
            var output = await RunAndStopAsync(folder);

            Assert.Contains("Now listening on", output);
            Assert.Contains("Rollups ready", output);
            Assert.Contains("Application is shutting down", output);
            var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            var chatter = lines.Where(l => l.StartsWith("info: ", StringComparison.Ordinal) &&
                                           !StartUpCategories.Any(c => l.StartsWith("info: " + c + "[", StringComparison.Ordinal))).ToList();
            Assert.True(chatter.Count == 0, "informational lines beyond start-up:\n" + string.Join('\n', chatter) + "\n\n" + output);
            Assert.False(lines.Any(l => l.StartsWith("fail: ", StringComparison.Ordinal) || l.StartsWith("crit: ", StringComparison.Ordinal)),
                "errors logged:\n" + output);
            Assert.False(lines.Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains(" in ", StringComparison.Ordinal)),
                "stack traces logged:\n" + output);
            Assert.True(lines.Length < 60, $"{lines.Length} lines for a start, a few requests and a stop:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_appsettings_file_in_the_folder_the_hub_is_run_from_wins_over_the_shipped_one()
    {
        var folder = Directory.CreateTempSubdirectory("hub-run-from-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"),
                """{ "Logging": { "LogLevel": { "Microsoft.AspNetCore.Hosting.Diagnostics": "Information" } } }""");

            var output = await RunAndStopAsync(folder);

            Assert.Contains("Request starting HTTP/1.1 GET", output);
            Assert.Contains("Rollups ready", output); // the shipped file's levels still apply where the folder's file is silent
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Starts the hub from <paramref name="folder"/>, makes the requests a session makes, some of them bad, and stops it.</summary>
    private static async Task<string> RunAndStopAsync(string folder)
    {
        var hub = new HubProcess(Path.Combine(folder, "data")) { WorkingDirectory = folder, DefaultLogging = true };
        await using var _ = hub;
        await hub.StartAsync();

        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await hub.Http.GetAsync("/api/v1/footprints")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Http.GetAsync("/api/v1/footprints/la:nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Http.GetAsync("/api/v1/footprints/la:cardiff/series?feed=crime&from=someday")).StatusCode);
        using (var anonymous = hub.Client(null))
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit")).StatusCode);
        var garbage = new StringContent("not json\n", Encoding.UTF8, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Http.PostAsync("/api/v1/feeds/crime/records", garbage)).StatusCode);
        // A dashboard closed mid-stream: the server sees the connection drop.
        using (var stream = await hub.Http.GetAsync("/api/v1/footprints/la:cardiff/stream?feed=crime", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            await using var body = await stream.Content.ReadAsStreamAsync();
            await body.ReadExactlyAsync(new byte[1]); // the stream has begun
        }
        await Task.Delay(500);

        using var kill = Process.Start("kill", ["-TERM", hub.Pid.ToString()]);
        await kill.WaitForExitAsync();
        await hub.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return hub.Output;
    }
}
