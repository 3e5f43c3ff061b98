using AnalysisHub.Domain.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Indicators;

/// <summary>RFC 9457 problem details of the indicator endpoints.</summary>
internal static class IndicatorProblems
{
    public static ProblemHttpResult NotFound(string indicator, FeedCatalog catalog) => TypedResults.Problem(
        title: "Indicator not found",
        detail: $"There is no indicator '{indicator}'. Indicators: {string.Join(", ", catalog.Indicators.Select(i => i.Id))}.",
        statusCode: StatusCodes.Status404NotFound,
        type: "https://analysishub.example/problems/indicator-not-found",
        extensions: new Dictionary<string, object?> { ["parameter"] = "indicator", ["value"] = indicator });

    public static ProblemHttpResult TargetNotFound(string indicator, string footprint) => TypedResults.Problem(
        title: "Target not found",
        detail: $"No target of '{indicator}' is set for '{footprint}'. PUT /api/v1/indicators/{indicator}/targets/{footprint} sets one.",
        statusCode: StatusCodes.Status404NotFound,
        type: "https://analysishub.example/problems/target-not-found",
        extensions: new Dictionary<string, object?> { ["parameter"] = "footprint", ["value"] = footprint });
}
