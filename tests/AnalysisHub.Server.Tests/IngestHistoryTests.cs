using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AnalysisHub.Testing.Histories;
using CsCheck;

namespace AnalysisHub.Server.Tests;

/// <summary>
/// Generated histories against the model of the record contract (<see cref="LedgerModel"/>), through the
/// running server: one client in order, then several clients at once, then <c>kill -9</c>, then a rebuild from
/// the ledger alone. Each case prefixes its ids, so the server's cells are the sum of every case's model.
/// </summary>
public sealed class IngestHistoryTests
{
    private static readonly string[] Authorities = [.. ModelContent.AuthorityOfArea.Values.Distinct()];
    private static readonly string[] Categories = ["robbery", "burglary", "violence-with-injury"];
    private static readonly string[] FlagFilters = ["", "alcohol", "domestic"];
    private const string From = "2025-03-01", To = "2026-01-31";

    private readonly Dictionary<SeriesCell, long> _expected = [];
    private int _cases;

    [Fact]
    public async Task Generated_histories_count_as_the_model_does_in_order_concurrently_after_kill_9_and_after_a_rebuild()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync("--Rollup:CheckpointInterval", "00:00:00.5");

        // One client, batches in order: each batch's answer and every cell as the model says.
        await HistoryGenerator.Histories.SampleAsync(async history =>
        {
            var prefix = NewPrefix();
            var before = await ReadCells(hub.Http);
            var model = new LedgerModel();
            foreach (var batch in history.Batches)
            {
                var expected = model.ApplyBatch(batch);
                Assert.Equal(expected, await Post(hub.Http, batch, prefix));
            }
            await AssertCaseEventually(hub.Http, before, model.Cells(), history.ToCurl(prefix));
        }, iter: HistoryGenerator.Iterations(12), threads: 1, print: h => h.ToCurl());

        // Three clients at once, each sending its share of the batches in order: where versions decide every
        // order, the cells cannot depend on how the requests interleave.
        await HistoryGenerator.OrderFreeHistories.SampleAsync(async history =>
        {
            var prefix = NewPrefix();
            var before = await ReadCells(hub.Http);
            var answered = await Task.WhenAll(Enumerable.Range(0, 3).Select(async client =>
            {
                var total = 0;
                foreach (var batch in history.Batches.Where((_, i) => i % 3 == client))
                    total += (await Post(hub.Http, batch, prefix)).Values.Sum();
                return total;
            }));
            Assert.Equal(history.Rows.Count(), answered.Sum());
            await AssertCaseEventually(hub.Http, before, LedgerModel.FinalCells(history.Rows), history.ToCurl(prefix));
        }, iter: HistoryGenerator.Iterations(6), threads: 1, print: h => h.ToCurl());

        // kill -9 straight after the last acknowledgement: every cell comes back.
        await hub.KillAsync();
        await hub.StartAsync();
        await AssertCellsEventually(hub.Http, "after kill -9 and restart");
        Assert.Empty((await hub.Http.GetJson("/api/v1/admin/verify")).GetProperty("differences").EnumerateArray());

        // Without grain checkpoints the authorities recount from the ledger alone.
        await hub.KillAsync();
        File.Delete(Path.Combine(hub.DataDirectory, "grains.db"));
        await hub.StartAsync();
        await AssertCellsEventually(hub.Http, "after a rebuild from the ledger (grain checkpoints removed)");
        Assert.Empty((await hub.Http.GetJson("/api/v1/admin/verify")).GetProperty("differences").EnumerateArray());
    }

    private string NewPrefix() => $"srv{Interlocked.Increment(ref _cases)}-{Guid.NewGuid():N}"[..18] + "-";

    private static async Task<Dictionary<string, int>> Post(HttpClient http, IReadOnlyList<HistoryRow> batch, string prefix)
    {
        var body = string.Join('\n', batch.Select(r => r.ToNdjson(prefix)));
        var response = await http.PostAsync($"/api/v1/feeds/{History.CrimeFeed}/records",
            new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<Dictionary<string, int>>(text)!;
    }

    /// <summary>A series cell the API can answer: authority × category × day, for all records or one flag.</summary>
    private readonly record struct SeriesCell(string Authority, string Category, string Day, string Flag);

    /// <summary>A model's cells as series cells by flag filter.</summary>
    private static Dictionary<SeriesCell, long> AsSeriesCells(Dictionary<ModelCell, long> cells)
    {
        var result = new Dictionary<SeriesCell, long>();
        foreach (var (cell, count) in cells)
        {
            var day = cell.Day.ToString("yyyy-MM-dd");
            var flags = cell.Flags.Split(';', StringSplitOptions.RemoveEmptyEntries);
            foreach (var filter in FlagFilters.Where(f => f == "" || flags.Contains(f)))
            {
                var key = new SeriesCell(cell.Authority, cell.Category, day, filter);
                result[key] = result.GetValueOrDefault(key) + count;
            }
        }
        return result;
    }

    private static async Task<Dictionary<SeriesCell, long>> ReadCells(HttpClient http)
    {
        var cells = new Dictionary<SeriesCell, long>();
        foreach (var authority in Authorities)
        foreach (var category in Categories)
        foreach (var flag in FlagFilters)
        {
            var series = await http.GetJson($"/api/v1/footprints/{authority}/series?feed={History.CrimeFeed}&category={category}" +
                                            $"&granularity=day&from={From}&to={To}" + (flag == "" ? "" : $"&flag={flag}"));
            foreach (var point in series.GetProperty("points").EnumerateArray())
                if (point.GetProperty("count").GetInt64() is var count and not 0)
                    cells[new SeriesCell(authority, category, point.GetProperty("period").GetString()!, flag)] = count;
        }
        return cells;
    }

    /// <summary>
    /// Polls until the case's change to the server's cells is the model's: a case is judged by what it changed,
    /// so a failing case does not make the smaller ones that shrinking tries fail too. Passing cases add up to
    /// what the server must show after a restart.
    /// </summary>
    private async Task AssertCaseEventually(HttpClient http, Dictionary<SeriesCell, long> before,
        Dictionary<ModelCell, long> model, string history)
    {
        var expected = AsSeriesCells(model);
        var changed = await Eventually(http, actual => Difference(actual, before), expected, history);
        foreach (var (cell, count) in changed) _expected[cell] = _expected.GetValueOrDefault(cell) + count;
    }

    private static Dictionary<SeriesCell, long> Difference(Dictionary<SeriesCell, long> after, Dictionary<SeriesCell, long> before) =>
        after.Keys.Union(before.Keys)
            .Select(k => (k, d: after.GetValueOrDefault(k) - before.GetValueOrDefault(k)))
            .Where(x => x.d != 0).ToDictionary(x => x.k, x => x.d);

    /// <summary>Rollups converge shortly after acknowledgement: polls until the server shows every passing case's cells.</summary>
    private Task AssertCellsEventually(HttpClient http, string when) =>
        Eventually(http, actual => actual, _expected.Where(c => c.Value != 0).ToDictionary(), when);

    private static async Task<Dictionary<SeriesCell, long>> Eventually(HttpClient http,
        Func<Dictionary<SeriesCell, long>, Dictionary<SeriesCell, long>> view, Dictionary<SeriesCell, long> expected, string history)
    {
        var deadline = Stopwatch.StartNew();
        Dictionary<SeriesCell, long> actual;
        do
        {
            actual = view(await ReadCells(http));
            if (actual.Count == expected.Count && expected.All(e => actual.GetValueOrDefault(e.Key) == e.Value)) return actual;
            await Task.Delay(100);
        } while (deadline.Elapsed < TimeSpan.FromSeconds(15));
        var differences = expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k}: model {expected.GetValueOrDefault(k)}, hub {actual.GetValueOrDefault(k)}");
        Assert.Fail($"cells differ ({history}):\n{string.Join('\n', differences)}");
        return actual;
    }
}
