using System.Text.Json;
using AnalysisHub.Cli.Tests.Support;

namespace AnalysisHub.Cli.Tests.Demo;

[Collection(CliHubCollection.Name)]
public sealed class DemoTests(CliHub shared)
{
    [Fact]
    public async Task The_demo_fills_every_feed_raises_the_surge_alert_and_a_second_run_changes_nothing()
    {
        var result = await shared.RunAsync("demo", "--years", "1", "--seed", "11");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Parallel uploads may commit a later batch first, so a correction can land before its original (which is then
        // stale) or a cancellation before its record: the figures do not depend on it, but the split of the tally does.
        var tally = System.Text.RegularExpressions.Regex.Match(result.Out, @"generated ([\d,]+) rows[\s\S]*accepted ([\d,]+), updated ([\d,]+), duplicates ([\d,]+), stale ([\d,]+), cancelled ([\d,]+)");
        Assert.True(tally.Success, result.Out);
        long N(int group) => long.Parse(tally.Groups[group].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, N(4));
        Assert.Equal(N(1), N(2) + N(3) + N(5) + N(6));
        Assert.Contains("a surge of violence in la:cardiff", result.Out);
        var yesterday = DateTime.Now.Date.AddDays(-1);
        var from = yesterday.AddDays(-90).ToString("yyyy-MM-dd");
        foreach (var feed in new[] { "crime", "incidents", "calls", "ed-assaults", "ambulance-assaults" })
            Assert.True(await HubQueries.TotalAsync(shared.Hub, "nation:wales", feed, from, yesterday.ToString("yyyy-MM-dd")) > 0, feed);

        // The alert monitor (every second on this hub) tests the last complete week, where the surge is.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var alerts = JsonDocument.Parse(await shared.Hub.Http.GetStringAsync("/api/v1/alerts?footprint=la:cardiff")).RootElement;
            var list = alerts.ValueKind == JsonValueKind.Array ? alerts : alerts.GetProperty("alerts");
            if (list.EnumerateArray().Any(a => a.GetProperty("feed").GetString() == "crime" && a.GetProperty("category").GetString() == "violence-against-the-person")) break;
            Assert.True(DateTime.UtcNow < deadline, "no violence alert for la:cardiff: " + alerts);
            await Task.Delay(200);
        }

        var again = await shared.RunAsync("demo", "--years", "1", "--seed", "11");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Matches(@"accepted 0, updated 0, duplicates [\d,]+, stale [\d,]+, cancelled 0", again.Out);
    }
}
