namespace AnalysisHub.Cli.Tests.Support;

/// <summary>
/// One real hub for the command's tests, started as the README does (no bootstrap key), with its data folder
/// at <c>&lt;root&gt;/data</c>: a command run from <see cref="Root"/> finds <c>data/admin-key</c> by itself.
/// Tests keep out of each other's way by their record ids and footprints.
/// </summary>
public sealed class CliHub : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "hub-cli-" + Guid.NewGuid().ToString("N"));

    public HubProcess Hub { get; }

    public CliHub() => Hub = new HubProcess(Path.Combine(Root, "data")) { Bootstrap = false };

    public string Server => Hub.BaseAddress.ToString();

    // Alerts are swept every second (not 15 s), so the demo test sees its surge raised without a long wait.
    public Task InitializeAsync() => Hub.StartAsync("--Alerts:Interval", "00:00:01");

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>Runs <c>hub</c> in process against this hub, from <see cref="Root"/>, with <c>--server</c> set.</summary>
    public Task<CliResult> RunAsync(params string[] args) => new CliRun { WorkingDirectory = Root }.RunAsync(["--server", Server, .. args]);
}

[CollectionDefinition(Name)]
public sealed class CliHubCollection : ICollectionFixture<CliHub>
{
    public const string Name = "cli hub";
}
