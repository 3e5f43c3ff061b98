namespace AnalysisHub.Benchmark;

/// <summary>
/// The hub's vocabulary and geography as its API publishes them. The benchmark generates records and
/// queries from this rather than from its own copy, so it follows whatever the hub is configured with.
/// </summary>
public sealed class HubCatalog
{
    public required IReadOnlyList<FeedInfo> Feeds { get; init; }
    public required IReadOnlyList<string> Flags { get; init; }
    public required IReadOnlyList<FootprintInfo> Footprints { get; init; }

    /// <summary>The local authorities (kind <c>la</c>); their index is the generator's authority index.</summary>
    public required IReadOnlyList<FootprintInfo> Authorities { get; init; }

    private Dictionary<string, int>? _authorityIndexById;

    public const string NationId = "nation:wales";

    /// <summary>
    /// The footprint every authority is in, whose totals convergence is timed by: <c>nation:wales</c> on the Welsh
    /// geography, <c>country:england-and-wales</c> on the national one.
    /// </summary>
    public string TopId => _topId ??= Footprints.Any(f => f.Id == NationalGeography.TopId) ? NationalGeography.TopId : NationId;

    private string? _topId;

    /// <summary>
    /// Kinds whose footprints hold every authority exactly once (on the Welsh geography: la, csp, psb, rpb, apb,
    /// force, nation): the totals over one such kind's footprints must equal the top footprint's.
    /// </summary>
    public IReadOnlyList<string> PartitionKinds => _partitionKinds ??= Footprints.GroupBy(f => f.Kind)
        .Where(kind => kind.SelectMany(AuthorityIndexes).Order().SequenceEqual(Enumerable.Range(0, Authorities.Count)))
        .Select(kind => kind.Key).ToList();

    private IReadOnlyList<string>? _partitionKinds;

    /// <summary>
    /// The catalog with only the named feeds, in the hub's order: so a run can load the same feeds as a build that
    /// lacks some (the survey feed, say) and the two compare like with like.
    /// </summary>
    public HubCatalog WithFeeds(IReadOnlyCollection<string> ids)
    {
        if (ids.FirstOrDefault(id => Feeds.All(f => f.Id != id)) is { } unknown)
            throw new InvalidOperationException($"--feeds names '{unknown}', which the hub does not have ({string.Join(", ", Feeds.Select(f => f.Id))})");
        return new HubCatalog { Feeds = Feeds.Where(f => ids.Contains(f.Id)).ToList(), Flags = Flags, Footprints = Footprints, Authorities = Authorities };
    }

    /// <summary>Indexes into <see cref="Authorities"/> of the authorities a footprint covers.</summary>
    public IReadOnlyList<int> AuthorityIndexes(FootprintInfo footprint)
    {
        var byId = _authorityIndexById ??= Authorities.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        if (footprint.Kind == "la") return [byId[footprint.Id]];
        return footprint.Members.Select(m => byId.TryGetValue(m, out var i)
            ? i : throw new InvalidOperationException($"{footprint.Id} has member {m}, which is not an authority")).ToList();
    }
}

/// <param name="Categories">the categories a record may carry (groups left out).</param>
/// <param name="Weighted">whether its records carry a weight (survey responses).</param>
public sealed record FeedInfo(string Id, IReadOnlyList<string> Categories, bool Weighted = false);

public sealed record FootprintInfo(string Id, string Kind, string? Code, IReadOnlyList<string> Members);
