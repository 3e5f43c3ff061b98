namespace AnalysisHub.Server.Access;

/// <summary>
/// Marks the endpoints a browser opens with WebSocket or EventSource (the SignalR hub, the SSE streams): they cannot
/// send headers, so they may carry the key as <c>?access_token=</c>; a browser's <c>Origin</c> is checked on them; and
/// an open stream is not counted against the request rate.
/// </summary>
public sealed class LiveStream
{
    public static readonly LiveStream Instance = new();

    public const string AccessTokenParameter = "access_token";

    public static bool Is(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<LiveStream>() is not null;
}
