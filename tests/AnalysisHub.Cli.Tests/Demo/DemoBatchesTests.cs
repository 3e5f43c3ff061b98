using System.Text;
using AnalysisHub.Cli.Demo;
using AnalysisHub.Cli.Ingest;

namespace AnalysisHub.Cli.Tests.Demo;

public sealed class DemoBatchesTests
{
    private static List<DemoRecord> Records(int count) => Enumerable.Range(0, count)
        .Select(i => new DemoRecord(i % 3 == 0 ? "calls" : "crime", Encoding.UTF8.GetBytes($"{{\"id\":\"r{i}\"}}"), DateTimeOffset.UnixEpoch.AddMinutes(i)))
        .ToList();

    [Fact]
    public void Every_record_goes_once_in_its_feeds_batches_in_stream_order()
    {
        var records = Records(1000);
        var batches = DemoBatches.Cut(records, new BatchLimits { MaxRows = 64 }, ratePerSecond: 0).ToList();
        Assert.All(batches, b => Assert.InRange(b.Rows, 1, 64));
        foreach (var feed in new[] { "calls", "crime" })
            Assert.Equal(records.Where(r => r.Feed == feed).Select(r => Encoding.UTF8.GetString(r.Json)),
                batches.Where(b => b.Feed == feed).SelectMany(b => Encoding.UTF8.GetString(b.Body).Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void With_a_rate_batches_hold_a_quarter_second_of_records_so_the_pace_is_even()
    {
        var batches = DemoBatches.Cut(Records(200), new BatchLimits(), ratePerSecond: 2000).ToList();
        Assert.All(batches, b => Assert.InRange(b.Rows, 1, 500));
        Assert.Equal(200, batches.Sum(b => b.Rows));
    }
}
