namespace AnalysisHub.Domain.Geography;

/// <summary>The kinds of planning footprint, in the slugs used by ids and the API.</summary>
public static class FootprintKind
{
    public const string LocalAuthority = "la";
    public const string Nation = "nation";

    /// <summary>Footprints that partnerships define at run time (<see cref="FootprintDefinition"/>).</summary>
    public const string Custom = "custom";

    /// <summary>Kinds whose footprints, taken together, cover every authority exactly once.</summary>
    public static readonly IReadOnlyList<string> Partitioning = ["la", "csp", "psb", "rpb", "apb", "force"];
}
