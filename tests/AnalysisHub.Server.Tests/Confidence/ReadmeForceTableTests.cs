using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AnalysisHub.Testing;

namespace AnalysisHub.Server.Tests.Confidence;

/// <summary>
/// The README's force table, read from the README itself (its targets and its published CSV), loaded into a hub as the
/// README loads it: the progress answer it shows for Gwent is what the hub answers.
/// </summary>
[Collection(SharedHubCollection.Name)]
public sealed partial class ReadmeForceTableTests(SharedHub shared)
{
    private const string Indicator = "/api/v1/indicators/police-and-council-dealing-with-issues";

    [GeneratedRegex(@"<<'TARGETS'\n(?<rows>.*?)\nTARGETS\n", RegexOptions.Singleline)]
    private static partial Regex TargetsBlock();

    [GeneratedRegex(@"<<'CSV'\n(?<csv>footprint,from,to,percent.*?)\nCSV\n", RegexOptions.Singleline)]
    private static partial Regex PublishedBlock();

    [Fact]
    public async Task The_README_force_table_loads_and_Gwent_is_on_track_in_September_2009()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(HubProcess.SolutionDirectory(), "README.md"));
        var targets = TargetsBlock().Match(readme);
        var published = PublishedBlock().Match(readme);
        Assert.True(targets.Success && published.Success, "the README's force table blocks are not where this test looks");

        var http = shared.Http;
        foreach (var line in targets.Groups["rows"].Value.Split('\n'))
        {
            var f = line.Split(' ');
            var body = $$"""{"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":{{f[1]}}},"milestones":[{"date":"2011-03-31","percent":{{f[2]}}},{"date":"2012-03-31","percent":{{f[3]}}}]}""";
            using var put = await http.PutAsync($"{Indicator}/targets/force:{f[0]}", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        using var post = await http.PostAsync($"{Indicator}/published", new StringContent(published.Groups["csv"].Value + "\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        var progress = await http.GetJson($"{Indicator}/targets/force:gwent/progress?asOf=2009-09-30");
        Assert.Contains("\"trajectory\":44.20285087719298,\"target\":57,\"status\":\"on-track\",\"statusBasis\":\"published\"", readme);
        Assert.Equal(44.20285087719298, progress.GetProperty("trajectory").GetDouble());
        Assert.Equal(57, progress.GetProperty("target").GetDouble());
        Assert.Equal("on-track", progress.GetProperty("status").GetString());
        Assert.Equal("published", progress.GetProperty("statusBasis").GetString());
        var figure = Assert.Single(progress.GetProperty("published").EnumerateArray());
        Assert.Equal(45, figure.GetProperty("percent").GetDouble());
        Assert.Equal(830, figure.GetProperty("unweightedBase").GetInt64());
        // Every force of the table is loaded: each has its target, and Wales its published figure.
        foreach (var force in new[] { "dyfed-powys", "gwent", "north-wales", "south-wales" })
            await http.GetJson($"{Indicator}/targets/force:{force}");
        var wales = await http.GetJson($"{Indicator}/published?footprint=nation:wales");
        Assert.Equal(3811, Assert.Single(wales.GetProperty("published").EnumerateArray()).GetProperty("unweightedBase").GetInt64());
    }
}
