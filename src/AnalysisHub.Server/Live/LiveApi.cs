using System.Text.Json;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Access;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Live;

/// <summary>
/// Live updates over HTTP: the SignalR hub, and Server-Sent Events for simple clients (<c>curl -N</c>):
/// <c>event: rollupChanged</c> / <c>event: alertRaised</c> / <c>event: alertWithdrawn</c> with one line of JSON, a snapshot first, a comment as
/// heartbeat every 15 s.
/// </summary>
public static class LiveApi
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>("/hubs/live").WithMetadata(LiveStream.Instance);
        app.MapGet("/api/v1/footprints/{id}/stream", Stream).WithMetadata(LiveStream.Instance)
            .WithTags("Live").WithName("StreamRollup")
            .WithSummary("Server-Sent Events: a snapshot, then rollupChanged events as records arrive.");
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Stream(string id, string? feed, string? category, HttpContext context,
        GeographyRegistry geography, FeedCatalog catalog, LiveUpdates live, IOptions<JsonOptions> json)
    {
        if (geography.Find(id) is null) return Problems.FootprintNotFound(id);
        if (string.IsNullOrEmpty(feed)) return Problems.BadParameter("feed", feed, "is required");
        var topic = LiveTopic.Resolve(id, feed, category, geography, catalog, out var error);
        if (error is not null) return Problems.BadParameter(string.IsNullOrEmpty(category) || catalog.FindFeed(feed) is null ? "feed" : "category",
            catalog.FindFeed(feed) is null ? feed : category, error);

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var reader = await live.AddSseClientAsync(topic);
        var aborted = context.RequestAborted;
        try
        {
            await WriteEvent(response, new LiveEvent(LiveHub.RollupChanged, await live.SnapshotAsync(topic)), json.Value.SerializerOptions, aborted);
            while (!aborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(Heartbeat);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token)) break; // dropped for falling behind
                    while (reader.TryRead(out var message)) await WriteEvent(response, message, json.Value.SerializerOptions, aborted);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await response.WriteAsync(": heartbeat\n\n", aborted);
                    await response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the client went away
        }
        catch (TimeoutException)
        {
            // fell behind: closing lets it reconnect and start again from a snapshot
        }
        finally
        {
            live.RemoveSseClient(topic, reader);
        }
        return TypedResults.Empty;
    }

    private static async Task WriteEvent(HttpResponse response, LiveEvent live, JsonSerializerOptions options, CancellationToken cancel)
    {
        await response.WriteAsync($"event: {live.Name}\ndata: {JsonSerializer.Serialize(live.Data, live.Data.GetType(), options)}\n\n", cancel);
        await response.Body.FlushAsync(cancel);
    }
}
