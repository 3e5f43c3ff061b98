namespace AnalysisHub.Domain.Geography;

/// <summary>
/// A planning area: any set of local authorities. Authorities are footprints of one member (themselves).
/// A footprint may exist for a while only (<see cref="ValidFrom"/>..<see cref="ValidTo"/>) and its members may
/// change (<see cref="Membership"/>); <see cref="Members"/> is its membership as it stands or, once it has
/// ended, as it last stood. <see cref="Parents"/>, <see cref="Children"/> and <see cref="SameAs"/> are navigation
/// derived from membership on the day the registry was made; the data path always sums members.
/// </summary>
public sealed class Footprint
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public string? NameCy { get; init; }
    public string? Code { get; init; }

    /// <summary>The member authorities, in registry order, as the last membership period has them; an authority's only member is itself.</summary>
    public IReadOnlyList<Authority> Members => Membership[^1].Members;

    /// <summary>Who the members were and when, in date order, without gaps or overlaps; at least one period.</summary>
    public required IReadOnlyList<MembershipPeriod> Membership { get; init; }

    /// <summary>The first day the footprint existed (inclusive); null: always.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>The last day the footprint existed (inclusive); null: it still does.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>The footprints that took over from this one (as the geography file says; need not mirror <see cref="Replaces"/>).</summary>
    public IReadOnlyList<string> ReplacedBy { get; init; } = [];

    /// <summary>The footprints this one took over from.</summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];

    /// <summary>True when a date of this footprint is assumed (1 April of the year) because the exact day is not known.</summary>
    public bool DatesAssumed { get; init; }

    /// <summary>What a defined footprint is for, as its definer wrote it.</summary>
    public string? Description { get; init; }

    /// <summary>What a footprint defined at run time was defined as; null for a shipped one.</summary>
    public FootprintDefinition? Definition { get; init; }

    /// <summary>True for a footprint defined at run time rather than shipped in the geography file.</summary>
    public bool IsDefined => Definition is not null;

    public bool IsValidOn(DateOnly day) => (ValidFrom is not { } from || day >= from) && (ValidTo is not { } to || day <= to);

    /// <summary>The members on a day: none outside <see cref="ValidFrom"/>..<see cref="ValidTo"/>.</summary>
    public IReadOnlyList<Authority> MembersOn(DateOnly day)
    {
        if (!IsValidOn(day)) return [];
        foreach (var period in Membership)
            if (period.Contains(day)) return period.Members;
        return [];
    }

    /// <summary>
    /// The members on the first day of <paramref name="from"/>..<paramref name="to"/> the footprint existed; null when it
    /// existed on none of them. Read from the periods, not day by day (a span may be years long).
    /// </summary>
    public IReadOnlyList<Authority>? FirstMembersBetween(DateOnly from, DateOnly to) =>
        MembershipBetween(from, to).Select(p => p.Members).FirstOrDefault();

    /// <summary>
    /// The membership periods cut to <paramref name="from"/>..<paramref name="to"/> and to the footprint's life, in
    /// order, leaving out those with no day in them.
    /// </summary>
    public IEnumerable<(DateOnly From, DateOnly To, IReadOnlyList<Authority> Members)> MembershipBetween(DateOnly from, DateOnly to)
    {
        foreach (var period in Membership)
        {
            var (start, end) = (Latest(from, period.From, ValidFrom), Earliest(to, period.To, ValidTo));
            if (start <= end) yield return (start, end, period.Members);
        }
    }

    private static DateOnly Latest(DateOnly day, DateOnly? a, DateOnly? b) =>
        DateOnly.FromDayNumber(Math.Max(day.DayNumber, Math.Max(a?.DayNumber ?? day.DayNumber, b?.DayNumber ?? day.DayNumber)));

    private static DateOnly Earliest(DateOnly day, DateOnly? a, DateOnly? b) =>
        DateOnly.FromDayNumber(Math.Min(day.DayNumber, Math.Min(a?.DayNumber ?? day.DayNumber, b?.DayNumber ?? day.DayNumber)));

    /// <summary>True when the membership never changed: every day the footprint existed, it had <see cref="Members"/>.</summary>
    public bool HasFixedMembership => Membership.Count == 1;

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

    /// <summary>
    /// True when the rollup is an authority's own grain: the footprint is, and always was, that one authority.
    /// Otherwise a footprint grain keyed <see cref="RollupId"/> sums the members.
    /// </summary>
    public bool IsAnsweredByAuthority => HasFixedMembership && Members.Count == 1;

    /// <summary>
    /// True for a defined footprint with no rollup to share: it has no grain, and every answer is the sum of its
    /// members' answers, so defining it adds nothing to what ingest does (see <c>MemberSumRollup</c>).
    /// </summary>
    public bool IsAnsweredByMembers => IsDefined && !IsAnsweredByAuthority && RollupId == Id;

    /// <summary>True when a footprint grain keyed by this footprint's id sums its members as their changes arrive.</summary>
    public bool HasOwnRollupGrain => !IsAnsweredByAuthority && !IsAnsweredByMembers && RollupId == Id;

    public bool IsAuthority => Kind == FootprintKind.LocalAuthority;

    /// <summary>The authority this footprint is, when it is one (<see cref="IsAuthority"/>); otherwise null.</summary>
    public Authority? Authority => IsAuthority ? Members[0] : null;
}
