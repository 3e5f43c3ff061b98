using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Domain.Access;

/// <summary>
/// Where a footprint-limited key may write: the authorities inside any of its footprints. A key without
/// footprints writes anywhere.
/// </summary>
public sealed class AreaGrant
{
    private readonly HashSet<Authority>? _authorities;

    private AreaGrant(HashSet<Authority>? authorities) => _authorities = authorities;

    public static AreaGrant Everywhere { get; } = new(null);

    public static AreaGrant For(IReadOnlyList<string>? footprints, GeographyRegistry geography)
    {
        if (footprints is null) return Everywhere;
        var authorities = new HashSet<Authority>();
        foreach (var id in footprints)
            if (geography.Find(id) is { } footprint) authorities.UnionWith(footprint.Members);
        return new AreaGrant(authorities);
    }

    public bool IsEverywhere => _authorities is null;

    /// <summary>True when the authority lies inside the grant.</summary>
    public bool Allows(Authority authority) => _authorities is null || _authorities.Contains(authority);
}
