namespace AnalysisHub.Domain.Time;

/// <summary>How a series is bucketed. The slugs are the API's <c>granularity</c> values.</summary>
public enum Granularity
{
    Day,
    Week,
    Month,
    Quarter,
    FinancialYear,
    Year,
}

public static class GranularityNames
{
    private static readonly Dictionary<string, Granularity> BySlug = new(StringComparer.Ordinal)
    {
        ["day"] = Granularity.Day,
        ["week"] = Granularity.Week,
        ["month"] = Granularity.Month,
        ["quarter"] = Granularity.Quarter,
        ["financial-year"] = Granularity.FinancialYear,
        ["year"] = Granularity.Year,
    };

    public static IEnumerable<string> Slugs => BySlug.Keys;

    public static bool TryParse(string slug, out Granularity granularity) => BySlug.TryGetValue(slug, out granularity);

    public static string ToSlug(this Granularity granularity) => BySlug.First(kv => kv.Value == granularity).Key;

    /// <summary>Day and week periods cannot hold records known only to the month.</summary>
    public static bool CountsMonthPrecision(this Granularity granularity) =>
        granularity is not (Granularity.Day or Granularity.Week);
}
