using System.Diagnostics.CodeAnalysis;

namespace AnalysisHub.Domain.Geography;

/// <summary>
/// The validated geography: footprints, their member authorities and the LSOA lookup.
/// Immutable after construction, so it is shared freely between grains and request handlers.
/// </summary>
public sealed class GeographyRegistry
{
    private readonly Dictionary<string, Footprint> _byIdOrCode;
    private readonly Dictionary<string, Authority> _authorityByAreaCode;
    private readonly Dictionary<Authority, IReadOnlyList<Footprint>> _containing;
    private readonly Dictionary<Authority, IReadOnlyList<string>> _rollupTargets;

    internal GeographyRegistry(
        IReadOnlyList<Footprint> footprints,
        IReadOnlyList<Authority> authorities,
        IReadOnlyDictionary<string, Authority> lsoaToAuthority,
        string populationSource)
    {
        Footprints = footprints;
        Authorities = authorities;
        PopulationSource = populationSource;
        _byIdOrCode = new(StringComparer.OrdinalIgnoreCase);
        foreach (var f in footprints)
        {
            _byIdOrCode[f.Id] = f;
            if (f.Code is not null) _byIdOrCode.TryAdd(f.Code, f);
        }
        _authorityByAreaCode = new(StringComparer.OrdinalIgnoreCase);
        foreach (var a in authorities) _authorityByAreaCode[a.Code] = a;
        foreach (var (lsoa, authority) in lsoaToAuthority) _authorityByAreaCode.TryAdd(lsoa, authority);

        _containing = authorities.ToDictionary(
            a => a,
            a => (IReadOnlyList<Footprint>)footprints.Where(f => f.Members.Contains(a)).ToList());
        _rollupTargets = authorities.ToDictionary(
            a => a,
            a => (IReadOnlyList<string>)_containing[a].Where(f => !f.IsAnsweredByAuthority).Select(f => f.RollupId).Distinct().ToList());
    }

    /// <summary>Every footprint, authorities first, in file order.</summary>
    public IReadOnlyList<Footprint> Footprints { get; }

    /// <summary>The local authorities; a record's authority is an index into this list (<see cref="Authority.Index"/>).</summary>
    public IReadOnlyList<Authority> Authorities { get; }

    /// <summary>Which population figures the registry carries (e.g. "census2021").</summary>
    public string PopulationSource { get; }

    /// <summary>Resolves a footprint by id (<c>la:cardiff</c>) or ONS code (<c>W06000015</c>).</summary>
    public Footprint? Find(string idOrCode) => _byIdOrCode.GetValueOrDefault(idOrCode);

    /// <summary>Resolves an authority by id (<c>la:cardiff</c>) or ONS code (<c>W06000015</c>); null for anything else.</summary>
    public Authority? FindAuthority(string idOrCode) => Find(idOrCode)?.Authority;

    /// <summary>Resolves an authority (W06…) or 2011 LSOA (W01…) code to its authority.</summary>
    public bool TryResolveArea(string areaCode, [NotNullWhen(true)] out Authority? authority) =>
        _authorityByAreaCode.TryGetValue(areaCode, out authority);

    /// <summary>
    /// Every footprint whose members, as they stand or last stood, include the authority (the authority itself too):
    /// the rollups its changes reach, ended footprints included.
    /// </summary>
    public IReadOnlyList<Footprint> Containing(Authority authority) => _containing[authority];

    /// <summary>The distinct multi-authority rollups an authority's changes must reach (see <see cref="Footprint.RollupId"/>).</summary>
    public IReadOnlyList<string> RollupTargets(Authority authority) => _rollupTargets[authority];

    /// <summary>Every distinct rollup: one per distinct member set.</summary>
    public IEnumerable<string> RollupIds => Footprints.Select(f => f.RollupId).Distinct();

    /// <summary>The footprints of a kind that existed on a day (those of a partitioning kind cover each authority once).</summary>
    public IEnumerable<Footprint> OfKind(string kind, DateOnly on) => Footprints.Where(f => f.Kind == kind && f.IsValidOn(on));

    /// <summary>The footprints that existed on a day, in registry order.</summary>
    public IEnumerable<Footprint> ValidOn(DateOnly on) => Footprints.Where(f => f.IsValidOn(on));

    private sealed record DayNavigation(DateOnly Day, Dictionary<Footprint, FootprintNavigation> Navigation);

    // Replaced whole, never changed: readers on other threads see an old day's or a new day's, never a mix.
    private volatile DayNavigation? _lastNavigation;

    /// <summary>
    /// Parents, children and sameAs among the footprints valid on a day, with their members that day (the last day
    /// asked is kept: listings ask for today over and over).
    /// </summary>
    public FootprintNavigation? NavigationOn(Footprint footprint, DateOnly on)
    {
        if (_lastNavigation is not { } last || last.Day != on)
            _lastNavigation = last = new DayNavigation(on, FootprintHierarchy.On(Footprints, on));
        return last.Navigation.GetValueOrDefault(footprint);
    }
}
