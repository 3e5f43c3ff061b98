using System.Text.Json;
using AnalysisHub.Cli.Tests.Support;

namespace AnalysisHub.Cli.Tests.Query;

[Collection(CliHubCollection.Name)]
public sealed class QueryTests(CliHub shared)
{
    /// <summary>Three robberies in Wrexham in 2010: one in January, two in March, one of them with the alcohol flag.</summary>
    private async Task LoadAsync()
    {
        using var folder = new TempFolder();
        var file = folder.Write("crime.ndjson", string.Join("\n",
            """{"id":"q-wx-1","occurredAt":"2010-01-10T12:00:00Z","area":"W06000006","category":"robbery"}""",
            """{"id":"q-wx-2","occurredAt":"2010-03-10T12:00:00Z","area":"W06000006","category":"robbery","flags":["alcohol"]}""",
            """{"id":"q-wx-3","occurredAt":"2010-03-11T12:00:00Z","area":"W06000006","category":"robbery"}""") + "\n");
        var result = await shared.RunAsync("ingest", file);
        Assert.True(result.ExitCode == 0, result.ToString());
        await Eventually.Equal(3L, () => HubQueries.TotalAsync(shared.Hub, "la:wrexham", "crime", "2010-01-01", "2010-03-31", "robbery"));
    }

    [Fact]
    public async Task A_series_prints_as_a_table_as_csv_and_as_the_hubs_json()
    {
        await LoadAsync();
        string[] question = ["query", "W06000006", "--feed", "crime", "--category", "robbery", "--from", "2010-01-01", "--to", "2010-03-31"];

        var table = await shared.RunAsync([.. question]);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("la:wrexham · crime · robbery · month · 2010-01-01 to 2010-03-31", table.Out);
        Assert.Matches(@"2010-03\s+2010-03-01\s+2010-03-31\s+2\s", table.Out);
        Assert.Contains("total 3", table.Out);

        var csv = await shared.RunAsync([.. question, "--format", "csv"]);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("period,start,end,count,ratePer100k,ci95Lower,ci95Upper", lines[0]);
        Assert.Equal(["1", "0", "2"], lines.Skip(1).Select(l => l.Split(',')[3]));

        var json = await shared.RunAsync([.. question, "--format", "json", "--flag", "alcohol"]);
        var body = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(1, body.GetProperty("total").GetInt64());
        Assert.Equal("alcohol", body.GetProperty("flags")[0].GetString());
    }

    [Fact]
    public async Task A_comparison_lists_every_footprint_of_the_kind_and_the_benchmark()
    {
        await LoadAsync();
        var csv = await shared.RunAsync("compare", "la", "--feed", "crime", "--category", "robbery", "--from", "2010-01-01", "--to", "2010-03-31", "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.ToString());
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("footprint,name,count,population,ratePer100k,ci95Lower,ci95Upper,comparison", lines[0]);
        Assert.Equal(23, lines.Length - 1); // 22 authorities and Wales
        Assert.StartsWith("la:wrexham,Wrexham,3,", lines.Single(l => l.StartsWith("la:wrexham,")));
        Assert.EndsWith(",benchmark", lines.Single(l => l.StartsWith("nation:wales,")));

        var table = await shared.RunAsync("compare", "la", "--feed", "crime", "--category", "robbery", "--from", "2010-01-01", "--to", "2010-03-31");
        Assert.Contains("against nation:wales", table.Out);
    }

    [Theory]
    [InlineData("query", "la:atlantis", "--feed", "crime")]
    [InlineData("query", "la:cardiff", "--feed", "crime", "--granularity", "fortnight")]
    [InlineData("query", "la:cardiff")]
    [InlineData("query", "la:cardiff", "--feed", "crime", "--format", "xml")]
    [InlineData("compare", "galaxy", "--feed", "crime")]
    [InlineData("tail", "la:atlantis", "--feed", "crime")]
    public async Task Bad_questions_exit_2_with_the_hubs_reason(params string[] args)
    {
        var result = await shared.RunAsync(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEqual("", result.Error.Trim());
    }

    [Fact]
    public async Task Without_a_key_partner_figures_are_not_allowed()
    {
        using var elsewhere = new TempFolder();
        var result = await new CliRun { WorkingDirectory = elsewhere.Path }.RunAsync("--server", shared.Server, "query", "la:cardiff", "--feed", "crime");
        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("no API key was given", result.Error);
    }
}
