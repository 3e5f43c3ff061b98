using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnalysisHub.Testing;

namespace AnalysisHub.Server.Tests.Footprints;

/// <summary>
/// The README's "Footprints over time" section, read from the README itself and run against a hub of its own: its
/// records, its footprint definition, and each series it shows with the figures it says.
/// </summary>
public sealed partial class ReadmeFootprintsTests : IAsyncLifetime
{
    private readonly HubProcess _hub = new();

    public Task InitializeAsync() => _hub.StartAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [GeneratedRegex(@"<<'BOUNDARIES'\n(?<rows>.*?)\nBOUNDARIES\n", RegexOptions.Singleline)]
    private static partial Regex RecordsBlock();

    [GeneratedRegex(@"<<'FOOTPRINT'\n(?<json>.*?)\nFOOTPRINT\n", RegexOptions.Singleline)]
    private static partial Regex FootprintBlock();

    // A series the README shows: the curl line, then "# → "total":N, points 2018: a, 2019: b[, "boundaries":"…"][, "validFrom":"…"]".
    [GeneratedRegex("""curl -s -H "X-Api-Key: \$KEY" 'http://127\.0\.0\.1:5080(?<path>[^']+/series[^']*)'\n# → "total":(?<total>\d+), points (?<points>[0-9: ,]+?)(, "boundaries":"(?<boundaries>[^"]+)")?(, "validFrom":"(?<validFrom>[^"]+)")?\n""")]
    private static partial Regex ShownSeries();

    [Fact]
    public async Task The_README_series_across_the_2019_change_and_its_defined_footprint_answer_as_it_shows()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(HubProcess.SolutionDirectory(), "README.md"));
        var records = RecordsBlock().Match(readme);
        var footprint = FootprintBlock().Match(readme);
        var shown = ShownSeries().Matches(readme);
        Assert.True(records.Success && footprint.Success, "the README's footprint blocks are not where this test looks");
        Assert.True(shown.Count >= 4, $"the README shows {shown.Count} series where this test looks for at least 4");

        await _hub.Http.IngestNdjson("crime", records.Groups["rows"].Value.Split('\n'));
        await _hub.Http.EventuallyTotal(4, "nation:wales", "crime", "2018-01-01", "2019-12-31");
        using (var defined = await _hub.Http.PostAsync("/api/v1/footprints", new StringContent(footprint.Groups["json"].Value, Encoding.UTF8, "application/json")))
        {
            var text = await defined.Content.ReadAsStringAsync();
            Assert.True(defined.StatusCode == HttpStatusCode.Created, text);
            var members = JsonDocument.Parse(text).RootElement.GetProperty("members").EnumerateArray().Select(m => $"\"{m.GetString()}\"");
            Assert.Contains($"\"members\":[{string.Join(',', members)}]", readme);
        }

        foreach (Match series in shown)
        {
            var path = series.Groups["path"].Value;
            JsonElement body = default;
            for (var attempt = 0; attempt < 100; attempt++)
            {
                body = await _hub.Http.GetJson(path);
                if (body.GetProperty("total").GetInt64() == long.Parse(series.Groups["total"].Value)) break;
                await Task.Delay(100); // a defined footprint's rollup is made from its members' on first use
            }
            Assert.True(long.Parse(series.Groups["total"].Value) == body.GetProperty("total").GetInt64(), path);
            var points = series.Groups["points"].Value.Split(", ").Select(p => p.Split(": ")).ToDictionary(p => p[0], p => long.Parse(p[1]));
            Assert.Equal(points, body.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("period").GetString()!, p => p.GetProperty("count").GetInt64()));
            if (series.Groups["boundaries"].Success) Assert.Equal(series.Groups["boundaries"].Value, body.GetProperty("boundaries").GetString());
            if (series.Groups["validFrom"].Success) Assert.Equal(series.Groups["validFrom"].Value, body.GetProperty("validFrom").GetString());
        }
    }
}
