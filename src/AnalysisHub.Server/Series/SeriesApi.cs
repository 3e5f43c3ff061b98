using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Completeness;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Series;

/// <summary>A footprint's dense rollup series with rates per 100,000 (partner audience: unsuppressed).</summary>
public static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder app)
    {
        // Tagged with the footprints, where the series endpoint has always been listed.
        app.MapGroup("/api/v1").WithTags("Footprints").MapGet("/footprints/{id}/series", GetSeries)
            .WithName("GetSeries").WithSummary("A dense count series with rates per 100,000 for a footprint, feed, category and flags.");
        return app;
    }

    private static SeriesPointBody Point(SeriesPoint p, long population, IReadOnlyList<string>? incompleteMembers)
    {
        // A point carries only the 95% interval: computing the 99.8% one too (CrudeRate.Calculate) doubled the
        // work of every point of every series query.
        var ci95 = CrudeRate.Limits(p.Count, population, ConfidenceLevel.Alpha95);
        return new SeriesPointBody(p.Period, p.Start, p.End, p.Count, p.Count / (double)population * CrudeRate.Multiplier, [ci95.Lower, ci95.Upper])
        {
            IncompleteMembers = incompleteMembers,
        };
    }

    private static async Task<Results<Ok<SeriesBody>, ProblemHttpResult>> GetSeries(string id, [AsParameters] SeriesArguments query)
    {
        var answer = await query.AskAsync(id);
        if (answer.Problem is { } problem) return problem;
        var (footprint, result) = (answer.Footprint!, answer.Result!);
        var range = answer.Query!.Range;
        var completeness = await query.Completeness.ReadAsync(query.Catalog.FindFeed(query.Feed!)!, range);
        var flags = new PointFlags(completeness, footprint, range, answer.Boundaries);
        return TypedResults.Ok(new SeriesBody(
            footprint.Id, query.Feed!, query.Category, query.Flag ?? [], answer.Query!.Granularity.ToSlug(), answer.Query.Range.From,
            answer.Query.Range.To, footprint.Population, query.Geography.PopulationSource, result.Total, result.ExcludedMonthPrecision,
            result.Points.Select(p => Point(p, answer.PopulationOf(p), flags.For(p))).ToList(),
            answer.Boundaries.ToSlug(), footprint.ValidFrom, footprint.ValidTo));
    }
}
