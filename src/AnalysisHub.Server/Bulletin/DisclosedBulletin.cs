namespace AnalysisHub.Server.Bulletin;

/// <summary>
/// A weekly or monthly bulletin with every figure as it is published: counts as numbers or <c>"&lt;5"</c>, withheld figures as
/// nulls with a flag saying so. The public bulletin is this; a partner bulletin becomes this with nothing withheld,
/// so the CSV and HTML writers serve both.
/// </summary>
/// <param name="Audience">who the bulletin is for, as its printed header says.</param>
/// <param name="DisclosureControl">how figures were withheld; null for partners (nothing is).</param>
public sealed record DisclosedBulletin(
    string Footprint, string Kind, string Name, string? Week, DateOnly Start, DateOnly End, string Benchmark,
    long Population, string PopulationSource, string TimeZone, string Audience, string? DisclosureControl,
    IReadOnlyList<DisclosedBulletinMeasure> Measures, IReadOnlyList<string> Footnotes, string Granularity, string Period,
    IReadOnlyList<BulletinConfidence> Confidence)
{
    public const string PartnerAudience = "partner audience (unsuppressed)";

    /// <summary>A partner bulletin as published: every figure shown.</summary>
    public static DisclosedBulletin Unsuppressed(BulletinBody body) => new(
        body.Footprint, body.Kind, body.Name, body.Week, body.Start, body.End, body.Benchmark, body.Population, body.PopulationSource,
        body.TimeZone, PartnerAudience, null, body.Measures.Select(Unsuppressed).ToList(), body.Footnotes, body.Granularity, body.Period,
        body.Confidence);

    private static DisclosedBulletinMeasure Unsuppressed(BulletinMeasure m) => new(
        m.Feed, m.Category, m.Count, false, m.PreviousFourWeeksMean, false, m.SameWeekLastYearPeriod, m.SameWeekLastYear, false,
        m.RatePer100k, m.Ci95, false, m.BenchmarkCount, false, m.BenchmarkRatePer100k, m.Comparison,
        DisclosedExceedance.Shown(m.EarsC2), DisclosedExceedance.Shown(m.Farrington), m.ExcludedMonthPrecision, false,
        new DisclosedProfile(m.Profile.From, m.Profile.To, m.Profile.Total,
            m.Profile.Days.Select(d => new DisclosedProfileDay(d.Day, d.Hours.Cast<object>().ToArray(), new bool[d.Hours.Length])).ToList()),
        m.TopMembers, false, m.PreviousPeriodsMean, false, m.PreviousPeriods, m.SamePeriodLastYearPeriod, m.SamePeriodLastYear, false);
}

/// <summary>
/// One violence measure as published. Each count is a number or <c>"&lt;5"</c> beside a flag; the previous periods'
/// mean is a number or the bound <c>"&lt;1.25"</c> (four weeks; <c>"&lt;1.67"</c> for three months); rates and intervals
/// are null where their count is withheld. <c>Unreliable</c> marks a rate from fewer than 10 events. The week-named
/// figures are null in a monthly bulletin; the period-named ones are in both.
/// </summary>
public sealed record DisclosedBulletinMeasure(
    string Feed, string Category, object Count, bool Suppressed, object? PreviousFourWeeksMean, bool PreviousFourWeeksMeanSuppressed,
    string? SameWeekLastYearPeriod, object? SameWeekLastYear, bool SameWeekLastYearSuppressed,
    double? RatePer100k, double[]? Ci95, bool Unreliable, object BenchmarkCount, bool BenchmarkSuppressed, double? BenchmarkRatePer100k,
    string? Comparison, DisclosedExceedance EarsC2, DisclosedExceedance Farrington, object ExcludedMonthPrecision,
    bool ExcludedMonthPrecisionSuppressed, DisclosedProfile Profile, IReadOnlyList<BulletinMember> TopMembers, bool TopMembersWithheld,
    object PreviousPeriodsMean, bool PreviousPeriodsMeanSuppressed, int PreviousPeriods, string SamePeriodLastYearPeriod,
    object SamePeriodLastYear, bool SamePeriodLastYearSuppressed);

/// <summary>Exceedance for the period as published: <c>Withheld</c> when its figures are held back (nulls then mean
/// that, not "untested").</summary>
public sealed record DisclosedExceedance(double? Expected, double? Threshold, double? Statistic, bool? Alarm, bool Withheld)
{
    public static readonly DisclosedExceedance WithheldFigures = new(null, null, null, null, true);

    public static DisclosedExceedance Shown(BulletinExceedance e) => new(e.Expected, e.Threshold, e.Statistic, e.Alarm, false);
}

/// <summary>A day-of-week × hour profile as published: the total is null when withheld.</summary>
public sealed record DisclosedProfile(DateOnly From, DateOnly To, long? Total, IReadOnlyList<DisclosedProfileDay> Days)
{
    public bool TotalWithheld => Total is null;
}

/// <summary>A day's 24 hourly counts as published (numbers or <c>"&lt;5"</c>), with a flag per hour.</summary>
public sealed record DisclosedProfileDay(string Day, object[] Hours, bool[] Suppressed);
