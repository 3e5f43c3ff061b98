using AnalysisHub.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace AnalysisHub.Cli.Tests.Ingest;

[Collection(CliHubCollection.Name)]
public sealed class ProgressTests(CliHub shared)
{
    [Fact]
    public async Task On_a_terminal_the_upload_draws_a_bar_with_records_per_second_and_the_time_left()
    {
        using var folder = new TempFolder();
        var run = Guid.NewGuid().ToString("N")[..10];
        var file = folder.Write("incidents.ndjson", string.Concat(Enumerable.Range(0, 120).Select(i =>
            $$"""{"id":"pg-{{run}}-{{i}}","occurredAt":"2013-08-02T10:00:00Z","area":"W06000012","category":"asb-nuisance"}""" + "\n")));
        var terminal = new TestConsole().Interactive().Width(120);

        var result = await new CliRun { WorkingDirectory = shared.Root, Terminal = terminal }
            .RunAsync("--server", shared.Server, "ingest", file, "--batch-rows", "30");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("120 records", terminal.Output);
        Assert.Contains("records/s", terminal.Output);
        Assert.Contains("100%", terminal.Output);
        // Drawn on the terminal, so no plain progress lines; the summary still goes to standard output.
        Assert.DoesNotContain("records/s, ", result.Error);
        Assert.Contains("accepted 120,", result.Out);
    }
}
