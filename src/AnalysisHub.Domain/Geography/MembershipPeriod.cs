namespace AnalysisHub.Domain.Geography;

/// <summary>
/// Who a footprint's members were over one stretch of days: <see cref="From"/>..<see cref="To"/>, both inclusive,
/// either open (null). A footprint whose membership never changed has one open period.
/// </summary>
public sealed record MembershipPeriod(DateOnly? From, DateOnly? To, IReadOnlyList<Authority> Members)
{
    public bool Contains(DateOnly day) => (From is not { } from || day >= from) && (To is not { } to || day <= to);

    /// <summary>Same days and same members: what decides whether two footprints may share one rollup.</summary>
    public bool SameAs(MembershipPeriod other) =>
        From == other.From && To == other.To && Members.SequenceEqual(other.Members);
}
