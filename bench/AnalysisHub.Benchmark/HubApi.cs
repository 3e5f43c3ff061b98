using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnalysisHub.Benchmark;

/// <summary>
/// The few calls the benchmark makes, over one pooled HttpClient shared by every simulated client. Each instance
/// sends one API key (<c>X-Api-Key</c>); <see cref="WithKey"/> gives another caller the same connections, as a
/// real deployment has many agencies' and analysts' keys on one hub.
/// </summary>
public sealed class HubApi : IDisposable
{
    public const string NdjsonMediaType = "application/x-ndjson";
    public const string KeyHeader = "X-Api-Key";

    /// <summary>Where the partner routes are, and the disclosure-controlled ones anyone may read.</summary>
    public const string PartnerPrefix = "/api/v1", PublicPrefix = "/api/v1/public";

    private static readonly MediaTypeHeaderValue Ndjson = new(NdjsonMediaType);
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    private HubApi(HttpClient http, string? key, bool ownsClient)
    {
        _http = http;
        Key = key;
        _ownsClient = ownsClient;
    }

    /// <param name="baseAddress">The hub.</param>
    /// <param name="key">The API key sent with every request (null: anonymous).</param>
    /// <param name="localAddress">The address connections are made from (another loopback address, such as
    /// 127.0.0.7, is another client to the hub's per-address rate limit); null: the system's choice.</param>
    public HubApi(Uri baseAddress, string? key, IPAddress? localAddress = null)
    {
        Key = key;
        _ownsClient = true;
        // One connection per concurrent client; no proxy, no decompression: only the hub's own cost is timed.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (localAddress is not null) handler.ConnectCallback = (context, cancellationToken) => ConnectFromAsync(localAddress, context, cancellationToken);
        // Generous: a 10,000-row batch on a busy two-core machine may legitimately take seconds.
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress localAddress, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(localAddress.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
        {
            NoDelay = true,
        };
        try
        {
            socket.Bind(new IPEndPoint(localAddress, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The API key this caller sends (null: anonymous).</summary>
    public string? Key { get; }

    /// <summary>Another caller with its own key over the same pooled connections.</summary>
    public HubApi WithKey(string key) => new(_http, key, ownsClient: false);

    /// <summary>Creates a key (this caller must be an admin) and returns its secret.</summary>
    public async Task<string> CreateKeyAsync(string owner, IEnumerable<string> scopes)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/admin/keys");
        request.Content = JsonContent.Create(new { owner, scopes = scopes.ToArray() }, options: Json);
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST /api/v1/admin/keys answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Defines a footprint of kind custom (admin).</summary>
    public async Task DefineFootprintAsync(string id, string name, IReadOnlyList<string> members)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/footprints");
        request.Content = JsonContent.Create(new { id, name, members }, options: Json);
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST /api/v1/footprints answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (Key is not null) request.Headers.TryAddWithoutValidation(KeyHeader, Key);
        return request;
    }

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var request = Request(HttpMethod.Get, "/health/ready");
            using var response = await _http.SendAsync(request, cts.Token);
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
                // A group (a survey's "agree") is asked for but never carried by a record.
                f.GetProperty("categories").EnumerateArray()
                    .Where(c => !(c.TryGetProperty("group", out var g) && g.GetBoolean()))
                    .Select(c => c.GetProperty("id").GetString()!).ToList(),
                f.TryGetProperty("weighted", out var w) && w.GetBoolean())).ToList(),
            Flags = flags.RootElement.EnumerateArray().Select(f => f.GetString()!).ToList(),
            Footprints = footprints.RootElement.EnumerateArray().Select(Footprint).ToList(),
            Authorities = authorities.RootElement.EnumerateArray().Select(Footprint).ToList(),
        };
    }

    /// <summary>Posts one pre-serialised NDJSON batch; never throws for an HTTP status, only for transport failures.</summary>
    public async Task<IngestOutcome> PostBatchAsync(string feed, byte[] ndjson, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, $"/api/v1/feeds/{feed}/records");
        request.Content = new ByteArrayContent(ndjson) { Headers = { ContentType = Ndjson } };
        using var response = await _http.SendAsync(request, cancellationToken);
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

    /// <summary>
    /// One series' <c>total</c> as a hub that may still be starting answers it: the status (0 when nothing
    /// answered), the total when 200, and whether a 503 said when to come back (<c>Retry-After</c>).
    /// </summary>
    public async Task<(int Status, long? Total, bool RetryAfter)> TrySeriesTotalAsync(string footprint, string feed, DateOnly from, DateOnly to, string granularity)
    {
        try
        {
            using var request = Request(HttpMethod.Get, SeriesPath(footprint, feed, null, from, to, granularity));
            using var response = await _http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK) return ((int)response.StatusCode, null, response.Headers.RetryAfter is not null);
            await using var body = await response.Content.ReadAsStreamAsync();
            using var doc = await JsonDocument.ParseAsync(body);
            return (200, doc.RootElement.GetProperty("total").GetInt64(), false);
        }
        catch (HttpRequestException)
        {
            return (0, null, false); // not listening yet
        }
    }

    /// <summary>The recount audit: how many differing cells remain (0 when the rollups follow the ledger), and a few of them.</summary>
    public async Task<(int Differences, IReadOnlyList<string> Samples)> VerifyAsync()
    {
        using var doc = await GetJsonAsync("/api/v1/admin/verify");
        var differences = doc.RootElement.GetProperty("differences");
        return (differences.GetArrayLength(), differences.EnumerateArray().Take(10).Select(d => d.GetRawText()).ToList());
    }

    public static string SeriesPath(string footprint, string feed, string? category, DateOnly from, DateOnly to, string granularity,
        string prefix = PartnerPrefix)
    {
        var categoryPart = category is null ? "" : $"&category={category}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{prefix}/footprints/{footprint}/series?feed={feed}{categoryPart}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&granularity={granularity}");
    }

    /// <summary>A GET whose whole body is read (as a real client would), returning the status and, unless 200, the problem text.</summary>
    public async Task<(int Status, string? Error)> GetAsync(string path)
    {
        using var request = Request(HttpMethod.Get, path);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode == HttpStatusCode.OK) return (200, null);
        return ((int)response.StatusCode, Shorten(await response.Content.ReadAsStringAsync()));
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var request = Request(HttpMethod.Get, path);
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
        await using var body = await response.Content.ReadAsStreamAsync();
        return await JsonDocument.ParseAsync(body);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }
}

/// <summary>The hub's 200 answer to a batch.</summary>
public sealed record IngestCounts(int Accepted, int Updated, int Duplicates, int Stale, int Cancelled);

/// <summary>A batch's answer: the counts on 200, otherwise the status, the problem text and any Retry-After.</summary>
public sealed record IngestOutcome(int Status, IngestCounts? Counts, string? Error, TimeSpan? RetryAfter);
