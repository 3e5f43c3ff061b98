using AnalysisHub.Domain.Rollups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Exceedance;

/// <summary>
/// Is this period unusual? EARS C1/C2/C3 (day or week) or Farrington-flexible (week) over a footprint's live
/// series (see <see cref="ExceedanceArguments"/>). A period that cannot be tested has no expected value,
/// threshold or alarm — never zeros.
/// </summary>
public static class ExceedanceApi
{
    public static IEndpointRouteBuilder MapExceedanceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/footprints/{id}/exceedance", Exceedance).WithTags("Surveillance").WithName("Exceedance")
            .WithSummary("Exceedance (EARS C1/C2/C3 or Farrington-flexible) for each day or week of a footprint's series.");
        return app;
    }

    private static async Task<Results<Ok<ExceedanceBody>, ProblemHttpResult>> Exceedance(string id, [AsParameters] ExceedanceArguments query)
    {
        var run = await query.RunAsync(id);
        if (run.Problem is { } problem) return problem;
        return TypedResults.Ok(run.Body);
    }
}

public sealed record ExceedanceBody(string Footprint, string Feed, string? Category, IReadOnlyList<string> Flags, string Granularity,
    string Method, IReadOnlyDictionary<string, object> Parameters, DateOnly From, DateOnly To, IReadOnlyList<ExceedancePoint> Points,
    string Boundaries = BoundariesNames.Current);

/// <summary>One period: its count and, when it could be tested, the expected count, the threshold, the statistic and the alarm.</summary>
public sealed record ExceedancePoint(string Period, DateOnly Start, DateOnly End, long Count, double? Expected, double? Threshold,
    double? Statistic, bool? Alarm)
{
    public static ExceedancePoint Untested(SeriesPoint p) => new(p.Period, p.Start, p.End, p.Count, null, null, null, null);
}
