using System.Diagnostics.CodeAnalysis;

namespace AnalysisHub.Domain.Geography;

/// <summary>
/// The validated geography: footprints, their member authorities and the LSOA lookup. The shipped geography is
/// fixed at start; footprints defined at run time (<see cref="Define"/>, <see cref="Remove"/>) replace the whole
/// arrangement at once, so a reader on any thread sees the arrangement before a change or after it, never half.
/// </summary>
public sealed class GeographyRegistry
{
    /// <summary>One arrangement of footprints and everything derived from it; never changed once made.</summary>
    private sealed class Arrangement
    {
        public Arrangement(IReadOnlyList<Footprint> footprints, IReadOnlyList<Authority> authorities)
        {
            Footprints = footprints;
            ByIdOrCode = new(StringComparer.OrdinalIgnoreCase);
            foreach (var f in footprints)
            {
                ByIdOrCode[f.Id] = f;
                if (f.Code is not null) ByIdOrCode.TryAdd(f.Code, f);
            }
            Containing = authorities.ToDictionary(
                a => a,
                a => (IReadOnlyList<Footprint>)footprints.Where(f => f.Members.Contains(a)).ToList());
            RollupTargets = authorities.ToDictionary(
                a => a,
                a => (IReadOnlyList<string>)Containing[a].Where(f => !f.IsAnsweredByAuthority).Select(f => f.RollupId).Distinct().ToList());
        }

        public IReadOnlyList<Footprint> Footprints { get; }
        public Dictionary<string, Footprint> ByIdOrCode { get; }
        public Dictionary<Authority, IReadOnlyList<Footprint>> Containing { get; }
        public Dictionary<Authority, IReadOnlyList<string>> RollupTargets { get; }

        // Navigation of the last day asked (listings ask for today over and over), per arrangement.
        public volatile DayNavigation? LastNavigation;
    }

    private sealed record DayNavigation(DateOnly Day, Dictionary<Footprint, FootprintNavigation> Navigation);

    private readonly Dictionary<string, Authority> _authorityByAreaCode;
    private volatile Arrangement _arrangement;
    private readonly Lock _changing = new();

    internal GeographyRegistry(
        IReadOnlyList<Footprint> footprints,
        IReadOnlyList<Authority> authorities,
        IReadOnlyDictionary<string, Authority> lsoaToAuthority,
        string populationSource)
    {
        Authorities = authorities;
        PopulationSource = populationSource;
        _arrangement = new Arrangement(footprints, authorities);
        _authorityByAreaCode = new(StringComparer.OrdinalIgnoreCase);
        foreach (var a in authorities) _authorityByAreaCode[a.Code] = a;
        foreach (var (lsoa, authority) in lsoaToAuthority) _authorityByAreaCode.TryAdd(lsoa, authority);
    }

    /// <summary>Every footprint: authorities first, the rest in file order, then those defined at run time.</summary>
    public IReadOnlyList<Footprint> Footprints => _arrangement.Footprints;

    /// <summary>The local authorities; a record's authority is an index into this list (<see cref="Authority.Index"/>).</summary>
    public IReadOnlyList<Authority> Authorities { get; }

    /// <summary>Which population figures the registry carries (e.g. "census2021").</summary>
    public string PopulationSource { get; }

    /// <summary>Resolves a footprint by id (<c>la:cardiff</c>) or ONS code (<c>W06000015</c>).</summary>
    public Footprint? Find(string idOrCode) => _arrangement.ByIdOrCode.GetValueOrDefault(idOrCode);

    /// <summary>Resolves an authority by id (<c>la:cardiff</c>) or ONS code (<c>W06000015</c>); null for anything else.</summary>
    public Authority? FindAuthority(string idOrCode) => Find(idOrCode)?.Authority;

    /// <summary>Resolves an authority (W06…) or 2011 LSOA (W01…) code to its authority.</summary>
    public bool TryResolveArea(string areaCode, [NotNullWhen(true)] out Authority? authority) =>
        _authorityByAreaCode.TryGetValue(areaCode, out authority);

    /// <summary>
    /// Every footprint whose members, as they stand or last stood, include the authority (the authority itself too):
    /// the rollups its changes reach, ended footprints included.
    /// </summary>
    public IReadOnlyList<Footprint> Containing(Authority authority) => _arrangement.Containing[authority];

    /// <summary>
    /// The distinct multi-authority rollups an authority's changes must reach (see <see cref="Footprint.RollupId"/>).
    /// A new list whenever the arrangement changes, so a holder can tell by reference whether to look again.
    /// </summary>
    public IReadOnlyList<string> RollupTargets(Authority authority) => _arrangement.RollupTargets[authority];

    /// <summary>Every distinct rollup: one per distinct membership history.</summary>
    public IEnumerable<string> RollupIds => Footprints.Select(f => f.RollupId).Distinct();

    /// <summary>The footprints of a kind that existed on a day (those of a partitioning kind cover each authority once).</summary>
    public IEnumerable<Footprint> OfKind(string kind, DateOnly on) => Footprints.Where(f => f.Kind == kind && f.IsValidOn(on));

    /// <summary>The footprints that existed on a day, in registry order.</summary>
    public IEnumerable<Footprint> ValidOn(DateOnly on) => Footprints.Where(f => f.IsValidOn(on));

    /// <summary>Parents, children and sameAs among the footprints valid on a day, with their members that day.</summary>
    public FootprintNavigation? NavigationOn(Footprint footprint, DateOnly on)
    {
        var arrangement = _arrangement;
        if (arrangement.LastNavigation is not { } last || last.Day != on)
            arrangement.LastNavigation = last = new DayNavigation(on, FootprintHierarchy.On(arrangement.Footprints, on));
        return last.Navigation.GetValueOrDefault(footprint);
    }

    /// <summary>The definitions of the footprints defined at run time, in the order they were added.</summary>
    public IReadOnlyList<FootprintDefinition> Defined => Footprints.Where(f => f.Definition is not null).Select(f => f.Definition!).ToList();

    /// <summary>
    /// Adds a defined footprint; null when the id (or code) is taken. It shares the rollup of an existing footprint with
    /// the same membership history, else it is a rollup of its own (or its authority's, for one member).
    /// </summary>
    public Footprint? Define(FootprintDefinition definition)
    {
        lock (_changing)
        {
            var arrangement = _arrangement;
            if (arrangement.ByIdOrCode.ContainsKey(definition.Id)) return null;
            var members = definition.Members.Select(id => FindAuthority(id) ?? throw new ArgumentException($"'{id}' is not an authority", nameof(definition)))
                .OrderBy(a => a.Index).ToList();
            var footprint = new Footprint
            {
                Id = definition.Id, Kind = FootprintKind.Custom, Name = definition.Name, NameCy = definition.NameCy,
                Description = definition.Description, Definition = definition,
                Membership = [new MembershipPeriod(null, null, members)], Population = members.Sum(a => a.Footprint.Population),
            };
            FootprintHierarchy.JoinRollup(footprint, arrangement.Footprints);
            var footprints = arrangement.Footprints.Append(footprint).ToList();
            var navigation = FootprintHierarchy.On(footprints, DateOnly.FromDateTime(DateTime.UtcNow))[footprint];
            (footprint.Parents, footprint.Children, footprint.SameAs) = (navigation.Parents, navigation.Children, navigation.SameAs);
            _arrangement = new Arrangement(footprints, Authorities);
            return footprint;
        }
    }

    /// <summary>Removes a defined footprint; false when no defined footprint has the id (a shipped one is never removed).</summary>
    public bool Remove(string id)
    {
        lock (_changing)
        {
            var arrangement = _arrangement;
            if (arrangement.ByIdOrCode.GetValueOrDefault(id) is not { IsDefined: true } footprint) return false;
            _arrangement = new Arrangement(arrangement.Footprints.Where(f => f != footprint).ToList(), Authorities);
            return true;
        }
    }
}
