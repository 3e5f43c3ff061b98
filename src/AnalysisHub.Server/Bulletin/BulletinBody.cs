using AnalysisHub.Server.Profile;

namespace AnalysisHub.Server.Bulletin;

/// <summary>The weekly bulletin of a footprint (partner audience: unsuppressed counts).</summary>
public sealed record BulletinBody(
    string Footprint, string Kind, string Name, string Week, DateOnly Start, DateOnly End, string Benchmark,
    long Population, string PopulationSource, string TimeZone, IReadOnlyList<BulletinMeasure> Measures,
    IReadOnlyList<string> Footnotes);

/// <summary>
/// One violence measure in the week: the count, the previous four weeks' mean, the same week last year, the rate
/// with its 95% interval compared with Wales, exceedance, the excluded month-precision records, the time profile
/// of the week's months and the member authorities with most events.
/// </summary>
public sealed record BulletinMeasure(
    string Feed, string Category, long Count, double PreviousFourWeeksMean, string SameWeekLastYearPeriod, long SameWeekLastYear,
    double RatePer100k, double[] Ci95, long BenchmarkCount, double BenchmarkRatePer100k, string? Comparison,
    BulletinExceedance EarsC2, BulletinExceedance Farrington, long ExcludedMonthPrecision, BulletinProfile Profile,
    IReadOnlyList<BulletinMember> TopMembers);

/// <summary>Exceedance for the week; all null when the week cannot be tested (never zeros).</summary>
public sealed record BulletinExceedance(double? Expected, double? Threshold, double? Statistic, bool? Alarm)
{
    public static readonly BulletinExceedance Untested = new(null, null, null, null);
}

/// <summary>Counts by day of week (Monday first) × hour (Europe/London) over the whole month(s) holding the week.</summary>
public sealed record BulletinProfile(DateOnly From, DateOnly To, long Total, IReadOnlyList<ProfileDay> Days);

/// <summary>A member authority ranked by the week's count.</summary>
public sealed record BulletinMember(int Rank, string Footprint, string Name, long Count, long Population, double RatePer100k)
{
    public static BulletinMember For(int rank, AnalysisHub.Domain.Geography.Footprint member, long count) => new(rank, member.Id, member.Name,
        count, member.Population, AnalysisHub.Domain.Statistics.CrudeRate.Calculate(count, member.Population).Rate);
}
