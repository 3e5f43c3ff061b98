using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// Sends batches with <paramref name="parallel"/> requests in flight, in the order they are made within each
/// worker. Every answer is tallied; a refused batch is placed row by row in its source. A hub that stays
/// unavailable or refuses the key stops the whole upload: nothing later could succeed either.
/// </summary>
public sealed class BatchUploader(HubClient hub, int parallel, IngestTally tally, IProgressSink progress, Action<InputSource>? acknowledged = null)
{
    public async Task RunAsync(IEnumerable<PreparedBatch> batches, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var queue = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(parallel * 2) { SingleWriter = true });
        // Reading and cutting files is synchronous: it runs on its own thread while the uploads are in flight.
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in batches)
                    await queue.Writer.WriteAsync(batch, stop.Token);
            }
            finally
            {
                queue.Writer.Complete();
            }
        }, stop.Token);
        var workers = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            await foreach (var batch in queue.Reader.ReadAllAsync(stop.Token))
                await SendAsync(batch, stop.Token);
        }, stop.Token)).ToList();

        var all = workers.Append(producer).ToList();
        while (all.Count > 0)
        {
            var finished = await Task.WhenAny(all);
            all.Remove(finished);
            if (finished.IsFaulted)
            {
                // The first real failure is the one to report; the others are its cancellation.
                await stop.CancelAsync();
                await Task.WhenAll(all.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
                throw finished.Exception!.InnerException!;
            }
        }
        cancel.ThrowIfCancellationRequested();
    }

    private async Task SendAsync(PreparedBatch batch, CancellationToken cancel)
    {
        var answer = await hub.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"api/v1/feeds/{Uri.EscapeDataString(batch.Feed)}/records")
        {
            Content = new ByteArrayContent(batch.Body) { Headers = { ContentType = new MediaTypeHeaderValue(batch.MediaType) } },
        }, cancel);

        switch (answer.Status)
        {
            case HttpStatusCode.OK:
                using (var counts = JsonDocument.Parse(answer.Body)) tally.Acknowledge(batch.Rows, counts.RootElement);
                Answered(batch, acknowledgedWhole: true);
                break;
            case HttpStatusCode.BadRequest:
                Refuse(batch, answer, ExitCodes.RejectedInput);
                break;
            case HttpStatusCode.Forbidden when HasRowErrors(answer):
                // Rows outside the key's footprints: the key may write, but not there.
                Refuse(batch, answer, ExitCodes.NotAllowed);
                break;
            case HttpStatusCode.RequestEntityTooLarge:
                tally.Refuse(batch.Rows, [], 1, ExitCodes.RejectedInput,
                    $"{batch.Source.Name}: a batch of {batch.Rows:N0} rows ({batch.Body.Length:N0} bytes) is too large for the hub ({answer.Problem()}); lower --batch-rows or --batch-bytes");
                Answered(batch, acknowledgedWhole: false);
                break;
            default:
                hub.ThrowUnlessSuccess(answer);
                throw new HubCommandException(ExitCodes.ServerUnavailable, $"the hub answered {(int)answer.Status}: {answer.Problem()}");
        }
    }

    private void Refuse(PreparedBatch batch, HubAnswer answer, int exitCode)
    {
        using var problem = JsonDocument.Parse(answer.Body);
        var root = problem.RootElement;
        var rows = new List<RejectedRow>();
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            foreach (var e in errors.EnumerateArray())
            {
                var row = e.TryGetProperty("row", out var r) && r.TryGetInt32(out var n) ? n : 0;
                var line = row >= 1 && row <= batch.Lines.Length ? batch.Lines[row - 1] : row == 0 ? batch.HeaderLine : 0;
                rows.Add(new RejectedRow(batch.Source.Name, line, e.TryGetProperty("field", out var f) ? f.GetString() ?? "" : "",
                    e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : ""));
            }
        var count = root.TryGetProperty("errorCount", out var c) && c.TryGetInt64(out var total) ? total : rows.Count;
        var note = count > rows.Count ? $"{batch.Source.Name}: {count - rows.Count:N0} more problem(s) in one batch were counted but not listed by the hub" : null;
        tally.Refuse(batch.Rows, rows, count, exitCode, note);
        Answered(batch, acknowledgedWhole: false);
    }

    private void Answered(PreparedBatch batch, bool acknowledgedWhole)
    {
        progress.Advance(batch.SourceBytes, batch.Rows);
        if (batch.Source.BatchAnswered(acknowledgedWhole)) acknowledged?.Invoke(batch.Source);
    }

    private static bool HasRowErrors(HubAnswer answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
