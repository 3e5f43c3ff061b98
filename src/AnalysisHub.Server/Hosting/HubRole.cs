namespace AnalysisHub.Server.Hosting;

/// <summary>What a node runs (<c>--role</c>).</summary>
public enum HubRole
{
    /// <summary>A silo hosting grains, plus the HTTP API and dashboard (the default; the embedded hub is one).</summary>
    Silo,

    /// <summary>The HTTP API and dashboard only, joined to the silos as an Orleans client: scales the web tier alone.</summary>
    Gateway,
}
