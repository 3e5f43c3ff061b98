using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Server.Indicators;

/// <summary>An indicator as <c>GET /api/v1/indicators</c> lists it: what it counts, from which feed.</summary>
public sealed record IndicatorDescription(
    string Id, string? Name, string? Question, string Feed, IReadOnlyList<string> Numerator, IReadOnlyList<string> Denominator,
    string Method)
{
    public const string MethodText =
        "Percent = 100 × Σweight(numerator answers) / Σweight(base answers). Effective base (Kish) = (Σw)² / Σw². " +
        "95% interval: Wilson score interval of the weighted proportion on the effective base. " +
        "Comparison: the interval wholly above or below the benchmark's percent. " +
        "Change: two-sided two-proportion z-test at 95% (|z| > 1.959964) on the effective bases, against the period of the same length just before.";

    internal static IndicatorDescription Of(Indicator indicator) =>
        new(indicator.Id, indicator.Name, indicator.Question, indicator.Feed.Id, indicator.NumeratorCategories,
            indicator.DenominatorCategories, MethodText);
}
