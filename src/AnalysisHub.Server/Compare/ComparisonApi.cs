using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Server.Completeness;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Compare;

/// <summary>
/// Rates with 95% and 99.8% intervals for every footprint of a kind (or every member of a footprint), each
/// compared with a benchmark footprint's rate (Wales by default) using its 95% interval.
/// </summary>
public static class ComparisonApi
{
    public static IEndpointRouteBuilder MapComparisonApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Surveillance");
        api.MapGet("/compare", Compare).WithName("Compare")
            .WithSummary("Rate, intervals and comparison with a benchmark for every footprint of a kind.");
        api.MapGet("/footprints/{id}/members", Members).WithName("CompareMembers")
            .WithSummary("Rate, intervals and comparison with a benchmark for each member authority of a footprint (drill-down).");
        return app;
    }

    private static async Task<Results<Ok<ComparisonBody>, ProblemHttpResult>> Compare(string? kind, [AsParameters] ComparisonParameters query)
    {
        if (query.FootprintsOfKind(kind, out var footprints) is { } problem) return problem;
        return await Rows(footprints, kind, null, query);
    }

    private static async Task<Results<Ok<ComparisonBody>, ProblemHttpResult>> Members(string id, [AsParameters] ComparisonParameters query)
    {
        if (query.Geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        return await Rows(query.MembersOf(footprint).ToList(), null, footprint.Id, query);
    }

    private static async Task<Results<Ok<ComparisonBody>, ProblemHttpResult>> Rows(IReadOnlyList<Footprint> footprints, string? kind, string? parent, ComparisonParameters query)
    {
        var question = await query.AskAsync(footprints);
        if (question.Problem is { } problem) return problem;
        var benchmarkRow = ComparisonRow.For(question.Benchmark!, question.BenchmarkCount, question.PopulationOf(question.Benchmark!), benchmarkRate: null);
        var rows = footprints.Select((f, i) => ComparisonRow.For(f, question.Counts[i], question.PopulationOf(f), benchmarkRow.RatePer100k))
            .Append(benchmarkRow).ToList();
        var shown = footprints.Append(question.Benchmark!).ToList();
        var completeness = await query.Completeness.ReadAsync(query.Catalog.FindFeed(query.Feed!)!, question.Range);
        rows = rows.Select((r, i) => r with { IncompleteMembers = completeness.IncompleteIn(shown[i], question.Range.From, question.Range.To, question.Range, question.Boundaries) }).ToList();
        return TypedResults.Ok(new ComparisonBody(kind, parent, query.Feed!, query.Category, query.Flag ?? [], question.Range.From, question.Range.To,
            question.Benchmark!.Id, query.Geography.PopulationSource, ComparisonQuestion.Method, rows, question.Boundaries.ToSlug()));
    }
}
