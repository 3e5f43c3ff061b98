namespace AnalysisHub.Server.Hosting;

/// <summary>
/// The hub's settings (section <c>Hub</c>; command-line switches in <see cref="CommandLine"/>).
/// </summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

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

    public string ClusterId { get; set; } = "analysishub";

    /// <summary>Keys stored grain state: keep it fixed across restarts.</summary>
    public string ServiceId { get; set; } = "analysishub";

    /// <summary>Time allowed for any call from the API to a grain.</summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Command-line switches and the settings they set.</summary>
    public static readonly Dictionary<string, string> CommandLine = new()
    {
        ["--data-dir"] = $"{Section}:{nameof(DataDirectory)}",
        ["--geography"] = $"{Section}:{nameof(GeographyFile)}",
        ["--vocabulary"] = $"{Section}:{nameof(VocabularyFile)}",
        ["--silo-port"] = $"{Section}:{nameof(SiloPort)}",
        ["--gateway-port"] = $"{Section}:{nameof(GatewayPort)}",
    };
}
