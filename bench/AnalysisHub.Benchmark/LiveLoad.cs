using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace AnalysisHub.Benchmark;

/// <summary>
/// Live delivery: many subscribers (SignalR and SSE alternately) on a handful of footprints while records
/// stream in at a fixed rate. Latency of a message = when it arrived − when the oldest record it reflects
/// was acknowledged (each message carries today's count; the ingestor knows when each count was reached).
/// </summary>
public static class LiveLoad
{
    private static readonly string[] Topics =
    [
        "nation:wales", "force:north-wales", "force:dyfed-powys", "force:south-wales", "force:gwent",
        "rpb:cardiff-and-vale", "rpb:west-glamorgan", "rpb:west-wales", "rpb:cwm-taf-morgannwg",
        "la:cardiff", "la:swansea", "la:newport", "la:wrexham", "la:gwynedd", "csp:cwm-taf", "psb:gwent",
    ];

    private const string Feed = "crime";

    /// <summary>Acknowledged counts per footprint over time: (count reached, acknowledgement timestamp).</summary>
    private sealed class AckLog
    {
        private readonly List<(long Count, long At)> _entries = [];
        public void Add(long count, long at) { lock (_entries) _entries.Add((count, at)); }

        /// <summary>When the count first reached at least <paramref name="count"/>; null if not yet acknowledged.</summary>
        public long? ReachedAt(long count)
        {
            lock (_entries)
            {
                var lo = 0; var hi = _entries.Count;
                while (lo < hi) { var mid = (lo + hi) / 2; if (_entries[mid].Count < count) lo = mid + 1; else hi = mid; }
                return lo < _entries.Count ? _entries[lo].At : null;
            }
        }
        public long Last { get { lock (_entries) return _entries.Count == 0 ? 0 : _entries[^1].Count; } }
    }

    public static async Task<LiveResult> RunAsync(HubApi api, HubApi listener, HubCatalog catalog, int subscribers, int recordsPerSecond, TimeSpan duration,
        string idPrefix, CancellationToken cancel = default)
    {
        var today = TodayInLondon();
        var topics = Topics.Where(t => catalog.Footprints.Any(f => f.Id == t)).ToArray();
        var acks = topics.ToDictionary(t => t, _ => new AckLog());
        var latencies = new ConcurrentBag<double>();
        var lastSeen = new ConcurrentDictionary<int, long>();
        var baselines = new ConcurrentDictionary<int, long>();
        var ready = new CountdownEvent(subscribers);
        long messages = 0, early = 0;

        void OnMessage(int subscriber, string topic, JsonElement message)
        {
            var count = TodayCount(message, today);
            if (message.GetProperty("snapshot").GetBoolean())
            {
                if (baselines.TryAdd(subscriber, count)) ready.Signal();
                return;
            }
            Interlocked.Increment(ref messages);
            var delta = count - baselines.GetValueOrDefault(subscriber);
            lastSeen[subscriber] = delta;
            if (acks[topic].ReachedAt(delta) is { } at) latencies.Add(Clock.MillisecondsSince(at));
            else Interlocked.Increment(ref early); // counted before this client even saw the acknowledgement
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var connections = new List<HubConnection>();
        var sseTasks = new List<Task>();
        var sseHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = subscribers + 16, UseProxy = false })
        {
            BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestHeaders = { { HubApi.KeyHeader, listener.Key } },
        };
        var subscriberTopics = Enumerable.Range(0, subscribers).Select(i => topics[i % topics.Length]).ToArray();
        var connecting = Clock.Now;
        for (var i = 0; i < subscribers; i++)
        {
            var (subscriber, topic) = (i, subscriberTopics[i]);
            if (i % 2 == 0)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(api.BaseAddress, "/hubs/live"), o => o.Headers[HubApi.KeyHeader] = listener.Key!).Build();
                connection.On<JsonElement>("rollupChanged", m => OnMessage(subscriber, topic, m));
                await connection.StartAsync(stop.Token);
                await connection.InvokeAsync("Subscribe", topic, Feed, (string?)null, stop.Token);
                connections.Add(connection);
            }
            else sseTasks.Add(ReadSse(sseHttp, topic, m => OnMessage(subscriber, topic, m), stop.Token));
        }
        if (!ready.Wait(TimeSpan.FromSeconds(60))) throw new InvalidOperationException($"only {subscribers - ready.CurrentCount} of {subscribers} subscribers got a snapshot");
        var connectSeconds = Clock.MillisecondsSince(connecting) / 1000;

        // Ingest at a fixed rate in 100 ms ticks; every record is dated now, so it lands on today's cells.
        var members = topics.ToDictionary(t => t, t => catalog.AuthorityIndexes(catalog.Footprints.First(f => f.Id == t)).ToHashSet());
        var counts = topics.ToDictionary(t => t, _ => 0L);
        var random = new Random(7);
        var perTick = Math.Max(1, recordsPerSecond / 10);
        long sent = 0, next = 0;
        var start = Clock.Now;
        var ticks = (int)(duration.TotalSeconds * 10);
        for (var tick = 0; tick < ticks; tick++)
        {
            var body = new StringBuilder(perTick * 130);
            var authorities = new int[perTick];
            var at = DateTime.UtcNow.AddSeconds(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            for (var r = 0; r < perTick; r++)
            {
                var a = authorities[r] = random.Next(catalog.Authorities.Count);
                body.Append(CultureInfo.InvariantCulture, $$"""{"id":"{{idPrefix}}{{next++}}","occurredAt":"{{at}}","area":"{{catalog.Authorities[a].Code}}","category":"robbery"}""").Append('\n');
            }
            var outcome = await api.PostBatchAsync(Feed, Encoding.UTF8.GetBytes(body.ToString()), stop.Token);
            if (outcome.Status != 200) throw new InvalidOperationException($"live ingest answered {outcome.Status}: {outcome.Error}");
            var acked = Clock.Now;
            foreach (var topic in topics)
            {
                counts[topic] += authorities.Count(a => members[topic].Contains(a));
                acks[topic].Add(counts[topic], acked);
            }
            sent += perTick;
            var due = start + (long)((tick + 1) * 0.1 * System.Diagnostics.Stopwatch.Frequency);
            var wait = Clock.Milliseconds(Clock.Now, due);
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), stop.Token);
        }
        var seconds = Clock.MillisecondsSince(start) / 1000;

        // Every subscriber must end on its footprint's exact count.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int behind;
        do
        {
            behind = Enumerable.Range(0, subscribers).Count(i => lastSeen.GetValueOrDefault(i) != counts[subscriberTopics[i]]);
            if (behind == 0) break;
            await Task.Delay(100, stop.Token);
        } while (DateTime.UtcNow < deadline);

        await stop.CancelAsync();
        foreach (var c in connections) await c.DisposeAsync();
        try { await Task.WhenAll(sseTasks); } catch (OperationCanceledException) { }
        sseHttp.Dispose();
        return new LiveResult(subscribers, connections.Count, sseTasks.Count, topics.Length, Math.Round(sent / seconds), Math.Round(connectSeconds, 2),
            messages, early, behind, LatencySummary.From(latencies));
    }

    private static async Task ReadSse(HttpClient http, string topic, Action<JsonElement> onMessage, CancellationToken cancel)
    {
        try
        {
            using var response = await http.GetAsync($"/api/v1/footprints/{topic}/stream?feed={Feed}", HttpCompletionOption.ResponseHeadersRead, cancel);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
            while (await reader.ReadLineAsync(cancel) is { } line)
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    onMessage(JsonDocument.Parse(line[6..]).RootElement);
        }
        catch (OperationCanceledException) { }
        catch (IOException) when (cancel.IsCancellationRequested) { }
    }

    private static long TodayCount(JsonElement message, string today) => message.GetProperty("periods").EnumerateArray()
        .Where(p => p.GetProperty("granularity").GetString() == "day" && p.GetProperty("period").GetString() == today)
        .Select(p => p.GetProperty("count").GetInt64()).FirstOrDefault();

    private static string TodayInLondon() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(-30), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What the live phase measured. <c>Behind</c> counts subscribers whose last count was not exact at the end.</summary>
public sealed record LiveResult(int Subscribers, int SignalR, int Sse, int Topics, double RecordsPerSecond, double ConnectSeconds,
    long Messages, long Early, int Behind, LatencySummary Delivery);
