using AnalysisHub.Cli.Ingest;
using AnalysisHub.Cli.Tests.Support;

namespace AnalysisHub.Cli.Tests.Ingest;

[Collection(CliHubCollection.Name)]
public sealed class ResumeTests(CliHub shared)
{
    private static string Row(string id, string area = "W06000009") =>
        $$"""{"id":"{{id}}","occurredAt":"2015-04-02T10:00:00Z","area":"{{area}}","category":"shoplifting"}""" + "\n";

    [Fact]
    public async Task Resume_skips_the_files_fully_acknowledged_and_sends_the_refused_and_the_changed_again()
    {
        using var folder = new TempFolder();
        var run = Guid.NewGuid().ToString("N")[..10];
        folder.Write("crime-a.ndjson", Row($"rs-{run}-a1") + Row($"rs-{run}-a2"));
        var bad = folder.Write("crime-b.ndjson", Row($"rs-{run}-b1", area: "NOWHERE"));

        var first = await shared.RunAsync("ingest", folder.Path);
        Assert.True(first.ExitCode == 3, first.ToString());
        Assert.True(File.Exists(Path.Combine(folder.Path, ResumeState.BesideFileName)));

        var second = await shared.RunAsync("ingest", folder.Path, "--resume");
        Assert.True(second.ExitCode == 3, second.ToString());
        Assert.Contains("skipped " + Path.Join(folder.Path, "crime-a.ndjson"), second.Error);
        Assert.DoesNotContain("skipped " + bad, second.Error);
        Assert.Contains("sent 1 records", second.Out);

        File.WriteAllText(bad, Row($"rs-{run}-b1"));
        var third = await shared.RunAsync("ingest", folder.Path, "--resume");
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("sent 1 records", third.Out);
        Assert.Contains("accepted 1,", third.Out);

        var fourth = await shared.RunAsync("ingest", folder.Path, "--resume");
        Assert.True(fourth.ExitCode == 0, fourth.ToString());
        Assert.Contains("sent 0 records", fourth.Out);

        // Without --resume everything goes again, and the ids make that harmless.
        var again = await shared.RunAsync("ingest", folder.Path);
        Assert.Contains("accepted 0, updated 0, duplicates 3,", again.Out);
    }

    [Fact]
    public async Task The_state_can_live_in_a_folder_of_its_own()
    {
        using var folder = new TempFolder();
        using var state = new TempFolder();
        var file = folder.Write("crime.ndjson", Row("st-" + Guid.NewGuid().ToString("N")[..10]));

        var first = await shared.RunAsync("ingest", file, "--state", state.Path);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.False(File.Exists(Path.Combine(folder.Path, ResumeState.BesideFileName)));
        Assert.True(File.Exists(Path.Combine(state.Path, ResumeState.DirectoryFileName)));

        var second = await shared.RunAsync("ingest", file, "--state", state.Path, "--resume");
        Assert.Contains("sent 0 records", second.Out);
        // Beside the files there is no state, so without --state the file goes again.
        var third = await shared.RunAsync("ingest", file, "--resume");
        Assert.Contains("sent 1 records", third.Out);
    }
}
