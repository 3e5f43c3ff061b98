using AnalysisHub.Domain.Rollups;
using AnalysisHub.Server.Profile;

namespace AnalysisHub.Server.Bulletin;

/// <summary>The weekly or monthly bulletin of a footprint (partner audience: unsuppressed counts).</summary>
/// <param name="Week">the ISO week of a weekly bulletin; null for a monthly one.</param>
/// <param name="Granularity"><c>week</c> or <c>month</c>.</param>
/// <param name="Period">the bulletin's period, either kind: <c>2025-W27</c> or <c>2025-07</c>.</param>
/// <param name="Confidence">each survey indicator over the 12 months ending on <paramref name="End"/>.</param>
public sealed record BulletinBody(
    string Footprint, string Kind, string Name, string? Week, DateOnly Start, DateOnly End, string Benchmark,
    long Population, string PopulationSource, string TimeZone, IReadOnlyList<BulletinMeasure> Measures,
    IReadOnlyList<string> Footnotes, string Granularity, string Period, IReadOnlyList<BulletinConfidence> Confidence,
    string Boundaries = BoundariesNames.Current);

/// <summary>
/// One violence measure in the period: the count, the previous periods' mean, the same period last year, the rate
/// with its 95% interval compared with Wales, exceedance, the excluded month-precision records (always 0 in a month),
/// the time profile of the period's months and the member authorities with most events. The week-named figures
/// (<c>previousFourWeeksMean</c>, <c>sameWeekLastYear…</c>) are a weekly bulletin's, null in a monthly one; the
/// period-named ones (<c>previousPeriodsMean</c> over <c>previousPeriods</c> periods: four weeks or three months,
/// <c>samePeriodLastYear…</c>) are in both.
/// </summary>
public sealed record BulletinMeasure(
    string Feed, string Category, long Count, double? PreviousFourWeeksMean, string? SameWeekLastYearPeriod, long? SameWeekLastYear,
    double RatePer100k, double[] Ci95, long BenchmarkCount, double BenchmarkRatePer100k, string? Comparison,
    BulletinExceedance EarsC2, BulletinExceedance Farrington, long ExcludedMonthPrecision, BulletinProfile Profile,
    IReadOnlyList<BulletinMember> TopMembers, double PreviousPeriodsMean, int PreviousPeriods, string SamePeriodLastYearPeriod,
    long SamePeriodLastYear)
{
    /// <summary>True when a member authority's month of the feed in the period is missing, partial or withdrawn.</summary>
    public bool Incomplete => IncompleteMembers is not null;

    /// <summary>Those member authorities, in the footprint's order; left out when there are none (most figures: it is
    /// most of a point's bytes otherwise).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? IncompleteMembers { get; init; }
}

/// <summary>Exceedance for the period; all null when the week cannot be tested (never zeros).</summary>
public sealed record BulletinExceedance(double? Expected, double? Threshold, double? Statistic, bool? Alarm)
{
    public static readonly BulletinExceedance Untested = new(null, null, null, null);
}

/// <summary>Counts by day of week (Monday first) × hour (Europe/London) over the whole month(s) holding the period.</summary>
public sealed record BulletinProfile(DateOnly From, DateOnly To, long Total, IReadOnlyList<ProfileDay> Days);

/// <summary>A member authority ranked by the period's count.</summary>
public sealed record BulletinMember(int Rank, string Footprint, string Name, long Count, long Population, double RatePer100k)
{
    public static BulletinMember For(int rank, AnalysisHub.Domain.Geography.Footprint member, long count) => new(rank, member.Id, member.Name,
        count, member.Population, AnalysisHub.Domain.Statistics.CrudeRate.Calculate(count, member.Population).Rate);
}
