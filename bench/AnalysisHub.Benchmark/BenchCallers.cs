namespace AnalysisHub.Benchmark;

/// <summary>
/// The callers a real deployment has, each with its own key made by the admin key at the start of a run: one
/// ingestor allowed every feed, an analyst for the checks, and one analyst per query client (a key's request
/// rate is limited, as a dashboard's is; admin keys are not, so measuring with one would hide that cost).
/// </summary>
public sealed class BenchCallers
{
    private BenchCallers(HubApi admin, HubApi ingestor, HubApi analyst, IReadOnlyList<HubApi> queryClients)
    {
        Admin = admin;
        Ingestor = ingestor;
        Analyst = analyst;
        QueryClients = queryClients;
    }

    public HubApi Admin { get; }

    /// <summary>
    /// The benchmark's own checks (every footprint's totals, convergence polls): an operator's reads, so made with
    /// the admin key, which no rate limit holds back — a check of 714 footprints × 6 feeds on the national
    /// geography is not a dashboard's traffic.
    /// </summary>
    public HubApi Checker => Admin;
    public HubApi Ingestor { get; }
    public HubApi Analyst { get; }
    public IReadOnlyList<HubApi> QueryClients { get; }

    public static async Task<BenchCallers> CreateAsync(HubApi admin, HubCatalog catalog, int queryClients, string runId)
    {
        var ingestor = admin.WithKey(await admin.CreateKeyAsync($"benchmark {runId} ingestor", catalog.Feeds.Select(f => "ingest:" + f.Id)));
        var analyst = admin.WithKey(await admin.CreateKeyAsync($"benchmark {runId} analyst", ["read:partner"]));
        var clients = new List<HubApi>(queryClients);
        for (var i = 0; i < queryClients; i++)
            clients.Add(admin.WithKey(await admin.CreateKeyAsync($"benchmark {runId} dashboard {i}", ["read:partner"])));
        return new BenchCallers(admin, ingestor, analyst, clients);
    }
}
