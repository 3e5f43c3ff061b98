namespace AnalysisHub.Server.Series;

/// <summary>
/// The series answer; field names are the published contract. <see cref="Boundaries"/> says whose members were counted
/// (<c>current</c> or <c>as-was</c>); <see cref="ValidFrom"/>..<see cref="ValidTo"/> is the footprint's life (null: open).
/// </summary>
public sealed record SeriesBody(
    string Footprint, string Feed, string? Category, IReadOnlyList<string> Flags, string Granularity,
    DateOnly From, DateOnly To, long Population, string PopulationSource, long Total,
    long ExcludedMonthPrecision, IReadOnlyList<SeriesPointBody> Points, string Boundaries, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>A period's count, rate per 100,000 and the rate's 95% interval; <c>incomplete</c> when a member authority's
/// month of the feed inside the period is missing, partial or withdrawn (<c>incompleteMembers</c> says which).</summary>
public sealed record SeriesPointBody(string Period, DateOnly Start, DateOnly End, long Count, double RatePer100k, double[] Ci95)
{
    public bool Incomplete => IncompleteMembers is not null;
    /// <summary>Those member authorities, in the footprint's order; left out when there are none (most figures: it is
    /// most of a point's bytes otherwise).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? IncompleteMembers { get; init; }
}
