namespace AnalysisHub.Server.Access;

/// <summary>
/// Request rates (section <c>Hub:Auth:RateLimits</c>): a token bucket per key and per anonymous client address.
/// Admin keys are never limited; open SSE streams and SignalR connections are not counted.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Hub:Auth:RateLimits";

    public int KeyPerSecond { get; set; } = 1000;

    public int KeyBurst { get; set; } = 2000;

    public int AnonymousPerSecond { get; set; } = 50;

    public int AnonymousBurst { get; set; } = 100;
}
