using System.Text;
using System.Text.Json;
using AnalysisHub.Testing.Histories;
using CsCheck;

namespace AnalysisHub.Server.Tests.Confidence;

/// <summary>
/// Generated histories of survey responses — re-sent, corrected in answer or weight alone, cancelled — through the
/// running server, against the model of the record contract (<see cref="LedgerModel"/>): each authority's and Wales's
/// indicator sums are the model's, in order, after <c>kill -9</c> and after a rebuild from the ledger alone.
/// </summary>
public sealed class SurveyHistoryTests
{
    private const string Figure = "/api/v1/indicators/police-and-council-dealing-with-issues/footprints/{0}?from=2025-01-01&to=2026-12-31";
    private static readonly string[] Agree = ["strongly-agree", "tend-to-agree"];
    private static readonly string[] Footprints = ["W06000015", "W06000011", "nation:wales"];

    // Running totals over every case (the server holds them all): responses, Σw(agree) and Σw, in millionths.
    private readonly Dictionary<string, (long Base, long Numerator, long Denominator)> _expected =
        Footprints.ToDictionary(f => f, _ => (0L, 0L, 0L));
    private int _cases;

    [Fact]
    public async Task Generated_survey_histories_sum_as_the_model_does_and_survive_kill_9_and_a_rebuild()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync("--Rollup:CheckpointInterval", "00:00:00.5");

        await HistoryGenerator.SurveyHistories.SampleAsync(async history =>
        {
            var prefix = $"sv{Interlocked.Increment(ref _cases)}-{Guid.NewGuid():N}"[..16] + "-";
            var model = new LedgerModel();
            foreach (var batch in history.Batches)
            {
                var body = string.Join('\n', batch.Select(r => r.ToNdjson(prefix)));
                using var response = await hub.Http.PostAsync($"/api/v1/feeds/{history.Feed}/records", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
                Assert.Equal(model.ApplyBatch(batch), JsonSerializer.Deserialize<Dictionary<string, int>>(text));
            }
            AddModel(model);
            await AssertFiguresEventually(hub.Http, history.ToCurl(prefix));
        }, iter: HistoryGenerator.Iterations(10), threads: 1, print: h => h.ToCurl());

        await hub.KillAsync();
        await hub.StartAsync();
        await AssertFiguresEventually(hub.Http, "after kill -9 and restart");
        await hub.KillAsync();
        File.Delete(Path.Combine(hub.DataDirectory, "grains.db"));
        await hub.StartAsync();
        await AssertFiguresEventually(hub.Http, "after a rebuild from the ledger (grain checkpoints removed)");
        Assert.Empty((await hub.Http.GetJson("/api/v1/admin/verify")).GetProperty("differences").EnumerateArray());
    }

    /// <summary>Adds the model's final responses: counts from its cells, weights (millionths) from its weight cells.</summary>
    private void AddModel(LedgerModel model)
    {
        void Add(string footprint, long responses, long numerator, long denominator)
        {
            var (b, n, d) = _expected[footprint];
            _expected[footprint] = (b + responses, n + numerator, d + denominator);
        }
        foreach (var (cell, count) in model.Cells()) { Add(cell.Authority, count, 0, 0); Add("nation:wales", count, 0, 0); }
        foreach (var (cell, sum) in model.WeightCells().Where(c => c.Key.Category.StartsWith("weight:", StringComparison.Ordinal)))
        {
            var agrees = Agree.Contains(cell.Category["weight:".Length..]);
            Add(cell.Authority, 0, agrees ? sum : 0, sum);
            Add("nation:wales", 0, agrees ? sum : 0, sum);
        }
    }

    private async Task AssertFiguresEventually(HttpClient http, string context)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var differences = new List<string>();
            foreach (var footprint in Footprints)
            {
                var figure = await http.GetJson(string.Format(Figure, footprint));
                var (b, n, d) = _expected[footprint];
                var actual = (figure.GetProperty("unweightedBase").GetInt64(), Math.Round(figure.GetProperty("numerator").GetDouble() * 1e6),
                    Math.Round(figure.GetProperty("denominator").GetDouble() * 1e6));
                if (actual != (b, (double)n, (double)d)) differences.Add($"{footprint}: expected {(b, n, d)}, got {actual}");
            }
            if (differences.Count == 0) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{context}\n{string.Join('\n', differences)}");
            await Task.Delay(100);
        }
    }
}
