using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace AnalysisHub.Cluster.Tests;

/// <summary>
/// An ingestor as a feed would run one: batches of police records posted through the gateway by several
/// concurrent senders, each failed batch retried until acknowledged (ids make a retry safe: whatever part of it
/// landed comes back as duplicates). Keeps what was acknowledged, per authority, and every failed attempt.
/// </summary>
public sealed class RecordStream(HttpClient gateway, IReadOnlyList<string> authorityCodes, string runId)
{
    public sealed record Failure(TimeSpan At, int Status, bool HasRetryAfter, bool IsProblem, TimeSpan Took, string Detail);

    private readonly ConcurrentDictionary<string, long> _acknowledged = new();
    private readonly ConcurrentQueue<Failure> _failures = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _acknowledgedRecords;
    private long _slowestAttemptTicks;

    public long AcknowledgedRecords => Interlocked.Read(ref _acknowledgedRecords);
    public IReadOnlyCollection<Failure> Failures => _failures;
    public IReadOnlyDictionary<string, long> AcknowledgedByAuthority => _acknowledged;
    public TimeSpan SlowestAttempt => TimeSpan.FromTicks(Interlocked.Read(ref _slowestAttemptTicks));
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Sends <paramref name="batches"/> batches of <paramref name="batchSize"/> records over <paramref name="senders"/> senders.</summary>
    public Task RunAsync(int batches, int batchSize, int senders, CancellationToken cancel = default)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
                await SendUntilAcknowledgedAsync(batch, batchSize, cancel);
        }, cancel)));
    }

    private async Task SendUntilAcknowledgedAsync(int batch, int batchSize, CancellationToken cancel)
    {
        var (body, counts) = Build(batch, batchSize);
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            var started = _clock.Elapsed;
            HttpResponseMessage? response = null;
            string detail;
            try
            {
                response = await gateway.PostAsync($"/api/v1/feeds/crime/records",
                    new StringContent(body, Encoding.UTF8, "application/x-ndjson"), cancel);
                if (response.IsSuccessStatusCode)
                {
                    Took(started);
                    foreach (var (code, n) in counts) _acknowledged.AddOrUpdate(code, n, (_, v) => v + n);
                    Interlocked.Add(ref _acknowledgedRecords, batchSize);
                    return;
                }
                detail = await response.Content.ReadAsStringAsync(cancel);
            }
            catch (HttpRequestException e)
            {
                detail = e.Message;
            }
            catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
            {
                detail = "client timeout: " + e.Message;
            }
            Took(started);
            _failures.Enqueue(new Failure(started, (int?)response?.StatusCode ?? 0, response?.Headers.RetryAfter is not null,
                response?.Content.Headers.ContentType?.MediaType == "application/problem+json", _clock.Elapsed - started, detail));
            response?.Dispose();
            await Task.Delay(response?.Headers.RetryAfter?.Delta is { } wait && wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromMilliseconds(500), cancel);
        }
    }

    private void Took(TimeSpan started)
    {
        var ticks = (_clock.Elapsed - started).Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _slowestAttemptTicks)) && Interlocked.CompareExchange(ref _slowestAttemptTicks, ticks, seen) != seen)
        {
        }
    }

    // Deterministic per batch, so a retry sends exactly the same records.
    private (string Body, Dictionary<string, long> Counts) Build(int batch, int batchSize)
    {
        var random = new Random(batch);
        var body = new StringBuilder(batchSize * 120);
        var counts = new Dictionary<string, long>();
        for (var i = 0; i < batchSize; i++)
        {
            var code = authorityCodes[random.Next(authorityCodes.Count)];
            counts[code] = counts.GetValueOrDefault(code) + 1;
            var day = new DateOnly(2025, 1, 1).AddDays(random.Next(365));
            var category = random.Next(3) == 0 ? "burglary" : "violence-with-injury";
            body.Append($$"""{"id":"{{runId}}-{{batch}}-{{i}}","occurredAt":"{{day:yyyy-MM-dd}}T{{random.Next(24):00}}:30:00Z","area":"{{code}}","category":"{{category}}"}""").Append('\n');
        }
        return (body.ToString(), counts);
    }
}
