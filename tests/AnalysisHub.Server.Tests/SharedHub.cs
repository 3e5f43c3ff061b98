namespace AnalysisHub.Server.Tests;

/// <summary>One running hub shared by the tests that only ingest and query (each uses ids and dates of its own).</summary>
public sealed class SharedHub : IAsyncLifetime
{
    public HubProcess Hub { get; } = new();
    public HttpClient Http => Hub.Http;

    // Alerts are swept every 2 s here (15 s by default) so the alert tests need not wait.
    public Task InitializeAsync() => Hub.StartAsync("--Alerts:Interval", "00:00:02");
    public Task DisposeAsync() => Hub.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class SharedHubCollection : ICollectionFixture<SharedHub>
{
    public const string Name = "shared hub";
}
