namespace AnalysisHub.Server.Tests;

/// <summary>One running hub shared by the tests that only ingest and query (each uses ids and dates of its own).</summary>
public sealed class SharedHub : IAsyncLifetime
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> _seeded = new();

    public HubProcess Hub { get; } = new();
    public HttpClient Http => Hub.Http;

    /// <summary>
    /// Runs a test class's data set-up once for the whole shared hub, however many of its tests ask first (each
    /// class seeds records no other class uses, so the classes' figures never mix).
    /// </summary>
    public Task SeedOnceAsync(string name, Func<Task> seed) => _seeded.GetOrAdd(name, _ => new Lazy<Task>(seed)).Value;

    // Alerts are swept every 2 s here (15 s by default) so the alert tests need not wait.
    public Task InitializeAsync() => Hub.StartAsync("--Alerts:Interval", "00:00:02");
    public Task DisposeAsync() => Hub.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class SharedHubCollection : ICollectionFixture<SharedHub>
{
    public const string Name = "shared hub";
}
