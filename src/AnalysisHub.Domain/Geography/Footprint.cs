namespace AnalysisHub.Domain.Geography;

/// <summary>
/// A planning area: any set of local authorities. Authorities are footprints of one member (themselves).
/// <see cref="Parents"/>, <see cref="Children"/> and <see cref="SameAs"/> are navigation derived from
/// membership; the data path always sums <see cref="Members"/>.
/// </summary>
public sealed class Footprint
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public string? NameCy { get; init; }
    public string? Code { get; init; }

    /// <summary>The member authorities, in registry order; an authority's only member is itself.</summary>
    public required IReadOnlyList<Authority> Members { get; init; }

    public required long Population { get; init; }

    public IReadOnlyList<string> Parents { get; internal set; } = [];
    public IReadOnlyList<string> Children { get; internal set; } = [];
    public IReadOnlyList<string> SameAs { get; internal set; } = [];

    /// <summary>
    /// The footprint whose rollup answers for this one: footprints with the same members share one sum (an
    /// authority's CSP and PSB are the authority itself; North Wales' RPB, APB and force are one set).
    /// Either an authority id or the first multi-authority footprint in registry order with these members.
    /// </summary>
    public string RollupId { get; internal set; } = "";

    public bool IsAuthority => Kind == FootprintKind.LocalAuthority;

    /// <summary>The authority this footprint is, when it is one (<see cref="IsAuthority"/>); otherwise null.</summary>
    public Authority? Authority => IsAuthority ? Members[0] : null;
}
