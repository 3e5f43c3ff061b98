namespace AnalysisHub.Cli.Hub;

/// <summary>
/// How often and how patiently a request is repeated after a 5xx, a 429 or a connection failure. Repeating an
/// ingest is safe: records carry ids, so a batch applied twice answers duplicates the second time.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first attempt (default 6: about 30 s of waiting in all).</summary>
    public int Retries { get; init; } = 6;

    /// <summary>The first wait; each further one doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based); a server's <c>Retry-After</c> wins when longer.</summary>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter)
    {
        var doubled = FirstDelay * Math.Pow(2, Math.Min(retry - 1, 20));
        // Jitter keeps parallel uploads from retrying in lockstep against a hub that is recovering.
        var jittered = doubled * (0.75 + Random.Shared.NextDouble() * 0.5);
        var wait = jittered < MaxDelay ? jittered : MaxDelay;
        return retryAfter is { } after && after > wait ? (after < MaxDelay ? after : MaxDelay) : wait;
    }
}
