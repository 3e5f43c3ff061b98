using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Server.Footprints;

/// <summary>
/// A footprint as the API shows it on one day: <see cref="Members"/>, <see cref="Population"/> and the navigation
/// as they were that day; <see cref="Membership"/> and the validity and succession fields are its whole history.
/// </summary>
public sealed record FootprintBody(
    string Id, string Kind, string Name, string? NameCy, string? Code, long Population, string PopulationSource,
    IReadOnlyList<string> Members, IReadOnlyList<string> Parents, IReadOnlyList<string> Children, IReadOnlyList<string> SameAs,
    DateOnly? ValidFrom, DateOnly? ValidTo, IReadOnlyList<MembershipPeriodBody> Membership,
    IReadOnlyList<string> ReplacedBy, IReadOnlyList<string> Replaces, bool DatesAssumed, string? Description)
{
    /// <summary>The footprint as it stands (or, once ended, last stood), with the navigation of the registry's day.</summary>
    public static FootprintBody From(Footprint f, string populationSource) =>
        Make(f, populationSource, f.Members, new FootprintNavigation(f.Parents, f.Children, f.SameAs));

    /// <summary>The footprint on <paramref name="day"/>, which it must have existed on.</summary>
    public static FootprintBody On(Footprint f, DateOnly day, GeographyRegistry geography) =>
        Make(f, geography.PopulationSource, f.MembersOn(day), geography.NavigationOn(f, day)!);

    private static FootprintBody Make(Footprint f, string populationSource, IReadOnlyList<Authority> members, FootprintNavigation navigation) => new(
        f.Id, f.Kind, f.Name, f.NameCy, f.Code, members.Sum(m => m.Footprint.Population), populationSource,
        members.Select(m => m.Id).ToList(), navigation.Parents, navigation.Children, navigation.SameAs,
        f.ValidFrom, f.ValidTo, f.Membership.Select(MembershipPeriodBody.Of).ToList(), f.ReplacedBy, f.Replaces, f.DatesAssumed, f.Description);
}

/// <summary>One period of a footprint's membership: inclusive dates, null where open.</summary>
public sealed record MembershipPeriodBody(DateOnly? From, DateOnly? To, IReadOnlyList<string> Members)
{
    public static MembershipPeriodBody Of(MembershipPeriod p) => new(p.From, p.To, p.Members.Select(m => m.Id).ToList());
}
