namespace AnalysisHub.Server.Hosting;

/// <summary>
/// The hub's settings (section <c>Hub</c>; command-line switches in <see cref="CommandLine"/>).
/// </summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>The settings as configured, with the defaults for any not set.</summary>
    public static HubOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<HubOptions>() ?? new HubOptions();

    /// <summary>Silo + API, or API-only gateway (<c>--role</c>).</summary>
    public HubRole Role { get; set; } = HubRole.Silo;

    /// <summary>SQLite files (embedded default) or a shared PostgreSQL database (<c>--storage</c>).</summary>
    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>Npgsql connection string of the cluster's database (<c>--connection-string</c>); PostgreSQL only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Create missing tables at start (default). Operators who forbid DDL at run time set it false and run
    /// <c>AnalysisHub.Server migrate</c> once instead; the server then refuses to start on an incomplete schema.
    /// </summary>
    public bool ApplySchema { get; set; } = true;

    /// <summary>
    /// The address other silos reach this one at (<c>--advertised-address</c>): an IP or a host name resolved at
    /// start (a compose service name, say). Default 127.0.0.1, for silos on one machine.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Take cluster id, service id and address from the Kubernetes pod (Microsoft.Orleans.Hosting.Kubernetes).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>Where the embedded SQLite files live (<c>--data-dir</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A footprints file to use instead of the shipped Welsh geography.</summary>
    public string? GeographyFile { get; set; }

    /// <summary>An LSOA→authority lookup (columns LSOA11CD, LAD19CD) to use instead of the shipped one.</summary>
    public string? LsoaLookupFile { get; set; }

    /// <summary>A population table (column <c>code</c> and one column per source) to use instead of the shipped one.</summary>
    public string? PopulationFile { get; set; }

    /// <summary>Which population column gives rates: census2021 (default), mid2022, mid2023.</summary>
    public string PopulationSource { get; set; } = Domain.Geography.GeographyLoader.DefaultPopulationSource;

    /// <summary>A feeds/categories/flags file to use instead of the shipped vocabulary.</summary>
    public string? VocabularyFile { get; set; }

    /// <summary>Orleans silo-to-silo port (<c>--silo-port</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port (<c>--gateway-port</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Names one running cluster in the membership table (<c>--cluster-id</c>).</summary>
    public string ClusterId { get; set; } = "analysishub";

    /// <summary>Keys stored grain state: keep it fixed across restarts and deployments (<c>--service-id</c>).</summary>
    public string ServiceId { get; set; } = "analysishub";

    /// <summary>Time allowed for any call from the API to a grain.</summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each node touches every rollup grain, re-activating any lost with a silo.</summary>
    public TimeSpan RollupKeepAlive { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Command-line switches and the settings they set.</summary>
    public static readonly Dictionary<string, string> CommandLine = new()
    {
        ["--data-dir"] = $"{Section}:{nameof(DataDirectory)}",
        ["--geography"] = $"{Section}:{nameof(GeographyFile)}",
        ["--vocabulary"] = $"{Section}:{nameof(VocabularyFile)}",
        ["--silo-port"] = $"{Section}:{nameof(SiloPort)}",
        ["--gateway-port"] = $"{Section}:{nameof(GatewayPort)}",
        ["--role"] = $"{Section}:{nameof(Role)}",
        ["--storage"] = $"{Section}:{nameof(Storage)}",
        ["--connection-string"] = $"{Section}:{nameof(ConnectionString)}",
        ["--cluster-id"] = $"{Section}:{nameof(ClusterId)}",
        ["--service-id"] = $"{Section}:{nameof(ServiceId)}",
        ["--advertised-address"] = $"{Section}:{nameof(AdvertisedAddress)}",
    };

    /// <summary>Settings that cannot work together, said plainly (the server stops with the message).</summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>Each pair of settings that cannot work together, as the message the server stops with.</summary>
    public IEnumerable<string> Problems()
    {
        if (Storage == StorageKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return "--storage postgres needs --connection-string (Hub:ConnectionString), e.g. \"Host=db;Username=hub;Password=…;Database=hub\"";
        if (Role == HubRole.Gateway && Storage != StorageKind.Postgres)
            yield return "--role gateway joins a cluster through its PostgreSQL membership table: use it with --storage postgres";
        if (Kubernetes && Storage != StorageKind.Postgres)
            yield return "Hub:Kubernetes needs --storage postgres (membership and state live in PostgreSQL)";
    }
}
