using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Domain.Access;

/// <summary>
/// Where a footprint-limited key may write: the authorities inside any of its footprints. A key without
/// footprints writes anywhere.
/// </summary>
public sealed class AreaGrant
{
    private readonly HashSet<string>? _authorities;

    private AreaGrant(HashSet<string>? authorities) => _authorities = authorities;

    public static AreaGrant Everywhere { get; } = new(null);

    public static AreaGrant For(IReadOnlyList<string>? footprints, GeographyRegistry geography)
    {
        if (footprints is null) return Everywhere;
        var authorities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in footprints)
            if (geography.Find(id) is { } footprint) authorities.UnionWith(footprint.Members);
        return new AreaGrant(authorities);
    }

    public bool IsEverywhere => _authorities is null;

    /// <summary>True when the authority (by id, <c>la:cardiff</c>) lies inside the grant.</summary>
    public bool Allows(string authorityId) => _authorities is null || _authorities.Contains(authorityId);
}
