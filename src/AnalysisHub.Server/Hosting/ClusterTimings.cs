namespace AnalysisHub.Server.Hosting;

/// <summary>
/// Membership and messaging timings chosen so a dead silo costs a second or two, not the defaults' ~30 s.
/// </summary>
// Measured here with defaults, a kill -9'd silo was evicted after ~6 s and calls in flight to it hung until the
// 30 s response timeout. Probing every second with a 1 s timeout and evicting after 2 missed probes declares
// a dead silo in ~1–2 s; a shorter response timeout backs up the API's own per-call timeouts for grain-to-grain
// calls (a footprint rebuilding from members on a silo that just died).
internal static class ClusterTimings
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    public const int NumMissedProbesLimit = 2;
    public static readonly TimeSpan IAmAlivePublish = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How often a gateway node re-reads the list of silos it may send calls through.</summary>
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(5);
}
