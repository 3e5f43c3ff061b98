using System.Net;
using System.Text;

namespace AnalysisHub.Cluster.Tests;

/// <summary>Choosing PostgreSQL by configuration, and the schema step for operators who forbid DDL at run time.</summary>
[Collection(ConfigurationCollection.Name)]
public sealed class StorageSettingsTests(PostgresServer postgres)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Postgres_storage_without_a_connection_string_refuses_to_start_and_says_why()
    {
        await using var hub = new HubProcess();
        var (code, output) = await hub.RunToExitAsync(Within, "--storage", "postgres");
        Assert.Equal(1, code);
        Assert.Contains("--connection-string", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_node_needs_the_clusters_postgres_membership()
    {
        await using var hub = new HubProcess();
        var (code, output) = await hub.RunToExitAsync(Within, "--role", "gateway");
        Assert.Equal(1, code);
        Assert.Contains("--role gateway", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_hub_setting_refuses_to_start_and_names_the_key()
    {
        await using var hub = new HubProcess();
        var (code, output) = await hub.RunToExitAsync(Within, "--Hub:StorageKind", "postgres");
        Assert.Equal(1, code);
        Assert.Contains("Hub:StorageKind", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_Auth_settings_are_checked_like_every_other_section()
    {
        // Validation runs before anything starts: a known access setting passes, so the only refusal is the missing
        // connection string; an unknown one is named.
        await using var hub = new HubProcess();
        var (code, output) = await hub.RunToExitAsync(Within, "--Hub:Auth:AllowedHosts", "hub.example", "--Hub:Auth:Jwt:ScopeMap:analyst", "read:partner",
            "--storage", "postgres");
        Assert.Equal(1, code);
        Assert.Contains("--connection-string", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hub:Auth", output, StringComparison.Ordinal);

        var (refused, refusal) = await hub.RunToExitAsync(Within, "--Hub:Auth:Authority", "https://login.example");
        Assert.Equal(1, refused);
        Assert.Contains("Hub:Auth:Authority", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_run_time_DDL_a_node_refuses_an_empty_database_until_migrate_has_run()
    {
        var database = postgres.CreateDatabase();
        string[] node = ["--storage", "postgres", "--connection-string", database, "--Hub:ApplySchema", "false"];
        await using var hub = new HubProcess();

        var (refused, refusal) = await hub.RunToExitAsync(Within, node);
        Assert.Equal(1, refused);
        Assert.Contains("records", refusal, StringComparison.Ordinal);
        Assert.Contains("migrate", refusal, StringComparison.Ordinal);

        foreach (var _ in new[] { "first", "again" })
        {
            var (migrated, said) = await hub.RunToExitAsync(Within, "migrate", "--storage", "postgres", "--connection-string", database);
            Assert.True(migrated == 0, said);
            Assert.Contains("Schema up to date", said, StringComparison.Ordinal);
        }

        await hub.StartAsync(node);
        var posted = await hub.Http.PostAsync("/api/v1/feeds/crime/records", new StringContent(
            """{"id":"m1","occurredAt":"2025-05-01T10:00:00Z","area":"W06000015","category":"burglary"}""", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string body;
        do
        {
            body = await hub.Http.GetStringAsync("/api/v1/footprints/nation:wales/series?feed=crime&from=2025-01-01&to=2025-12-31&granularity=year");
            if (body.Contains("\"total\":1", StringComparison.Ordinal)) return;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"Wales never counted the record: {body}");
    }
}

[CollectionDefinition(Name)]
public sealed class ConfigurationCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres-settings";
}
