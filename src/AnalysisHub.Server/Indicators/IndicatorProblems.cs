using AnalysisHub.Domain.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Indicators;

/// <summary>The problem details only the indicator routes give.</summary>
internal static class IndicatorProblems
{
    private const string Types = "https://analysishub.example/problems/";

    public static ProblemHttpResult NotFound(string indicator, FeedCatalog catalog) => TypedResults.Problem(
        title: "Indicator not found",
        detail: $"There is no indicator '{indicator}'. Indicators: {string.Join(", ", catalog.Indicators.Select(i => i.Id))}.",
        statusCode: StatusCodes.Status404NotFound,
        type: Types + "indicator-not-found",
        extensions: new Dictionary<string, object?> { ["parameter"] = "indicator", ["value"] = indicator });

    public static ProblemHttpResult NoTarget(string indicator, string footprint) => TypedResults.Problem(
        title: "Target not found",
        detail: $"No target is set for {footprint} on '{indicator}'. PUT /api/v1/indicators/{indicator}/targets/{footprint} sets one.",
        statusCode: StatusCodes.Status404NotFound,
        type: Types + "target-not-found",
        extensions: new Dictionary<string, object?> { ["parameter"] = "footprint", ["value"] = footprint });

    public static ProblemHttpResult EmptyBody(string what) => TypedResults.Problem(
        title: "Empty body",
        detail: $"The body holds no {what}.",
        statusCode: StatusCodes.Status400BadRequest,
        type: Types + "empty-body");

    /// <summary>A target with every problem named by its field: <c>errors: [{field, message}]</c>.</summary>
    public static ProblemHttpResult InvalidTarget(IReadOnlyList<(string Field, string Message)> problems) => TypedResults.Problem(
        title: "Invalid target",
        detail: $"{problems.Count} problem(s); nothing was stored.",
        statusCode: StatusCodes.Status400BadRequest,
        type: Types + "invalid-target",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = problems.Select(p => new { field = p.Field, message = p.Message }),
            ["errorCount"] = problems.Count,
        });

    /// <summary>Figures refused as ingest refuses records: <c>errors: [{row, field, message}]</c>, the first <paramref name="maxListed"/> of them.</summary>
    public static ProblemHttpResult InvalidRows(IReadOnlyList<Domain.Records.RowError> errors, int maxListed) => TypedResults.Problem(
        title: "Invalid published figures",
        detail: $"{errors.Count} problem(s) in {errors.Select(e => e.Row).Distinct().Count()} row(s); nothing was stored.",
        statusCode: StatusCodes.Status400BadRequest,
        type: Types + "invalid-published-figures",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = errors.Take(maxListed).Select(e => new { row = e.Row, field = e.Field, message = e.Message }),
            ["errorCount"] = errors.Count,
            ["errorsOmitted"] = Math.Max(0, errors.Count - maxListed),
        });
}
