using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnalysisHub.Benchmark;

/// <summary>The few calls the benchmark makes, over one pooled HttpClient shared by every simulated client.</summary>
public sealed class HubApi : IDisposable
{
    public const string NdjsonMediaType = "application/x-ndjson";

    private static readonly MediaTypeHeaderValue Ndjson = new(NdjsonMediaType);
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly HttpClient _http;

    public HubApi(Uri baseAddress)
    {
        // One connection per concurrent client; no proxy, no decompression: only the hub's own cost is timed.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        // Generous: a 10,000-row batch on a busy two-core machine may legitimately take seconds.
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await _http.GetAsync("/health/ready", cts.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false; // not listening yet
        }
    }

    public async Task<HubCatalog> LoadCatalogAsync()
    {
        using var feeds = await GetJsonAsync("/api/v1/feeds");
        using var flags = await GetJsonAsync("/api/v1/flags");
        using var footprints = await GetJsonAsync("/api/v1/footprints");
        using var authorities = await GetJsonAsync("/api/v1/footprints?kind=la");

        static FootprintInfo Footprint(JsonElement f) => new(
            f.GetProperty("id").GetString()!,
            f.GetProperty("kind").GetString()!,
            f.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null,
            f.TryGetProperty("members", out var members) ? members.EnumerateArray().Select(m => m.GetString()!).ToList() : []);

        return new HubCatalog
        {
            Feeds = feeds.RootElement.EnumerateArray().Select(f => new FeedInfo(
                f.GetProperty("id").GetString()!,
                f.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList())).ToList(),
            Flags = flags.RootElement.EnumerateArray().Select(f => f.GetString()!).ToList(),
            Footprints = footprints.RootElement.EnumerateArray().Select(Footprint).ToList(),
            Authorities = authorities.RootElement.EnumerateArray().Select(Footprint).ToList(),
        };
    }

    /// <summary>Posts one pre-serialised NDJSON batch; never throws for an HTTP status, only for transport failures.</summary>
    public async Task<IngestOutcome> PostBatchAsync(string feed, byte[] ndjson, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(ndjson);
        content.Headers.ContentType = Ndjson;
        using var response = await _http.PostAsync($"/api/v1/feeds/{feed}/records", content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var counts = await response.Content.ReadFromJsonAsync<IngestCounts>(Json, cancellationToken);
            return new IngestOutcome(200, counts, null, null);
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new IngestOutcome((int)response.StatusCode, null, Shorten(text), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>The <c>total</c> of one series.</summary>
    public async Task<long> SeriesTotalAsync(string footprint, string feed, DateOnly from, DateOnly to, string granularity)
    {
        using var doc = await GetJsonAsync(SeriesPath(footprint, feed, null, from, to, granularity));
        return doc.RootElement.GetProperty("total").GetInt64();
    }

    /// <summary>The recount audit: how many differing cells remain (0 when the rollups follow the ledger), and a few of them.</summary>
    public async Task<(int Differences, IReadOnlyList<string> Samples)> VerifyAsync()
    {
        using var doc = await GetJsonAsync("/api/v1/admin/verify");
        var differences = doc.RootElement.GetProperty("differences");
        return (differences.GetArrayLength(), differences.EnumerateArray().Take(10).Select(d => d.GetRawText()).ToList());
    }

    public static string SeriesPath(string footprint, string feed, string? category, DateOnly from, DateOnly to, string granularity)
    {
        var categoryPart = category is null ? "" : $"&category={category}";
        return string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/footprints/{footprint}/series?feed={feed}{categoryPart}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&granularity={granularity}");
    }

    /// <summary>A GET whose whole body is read (as a real client would), returning the status and, unless 200, the problem text.</summary>
    public async Task<(int Status, string? Error)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode == HttpStatusCode.OK) return (200, null);
        return ((int)response.StatusCode, Shorten(await response.Content.ReadAsStringAsync()));
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
        await using var body = await response.Content.ReadAsStreamAsync();
        return await JsonDocument.ParseAsync(body);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _http.Dispose();
}

/// <summary>The hub's 200 answer to a batch.</summary>
public sealed record IngestCounts(int Accepted, int Updated, int Duplicates, int Stale, int Cancelled);

/// <summary>A batch's answer: the counts on 200, otherwise the status, the problem text and any Retry-After.</summary>
public sealed record IngestOutcome(int Status, IngestCounts? Counts, string? Error, TimeSpan? RetryAfter);
