using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Api;

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

    private static Task<IResult> Compare(string? kind, string? feed, string? category, string[]? flag, string? from, string? to,
        string? benchmark, GeographyRegistry geography, FeedCatalog catalog, IGrainFactory grains, TimeProvider clock, IOptions<HubOptions> options)
    {
        if (string.IsNullOrEmpty(kind) || !geography.OfKind(kind).Any())
            return Task.FromResult(Problems.BadParameter("kind", kind,
                $"one of {string.Join(", ", geography.Footprints.Select(f => f.Kind).Distinct())} is required"));
        return Rows(geography.OfKind(kind).ToList(), kind, null, feed, category, flag, from, to, benchmark, geography, catalog, grains, clock, options.Value);
    }

    private static Task<IResult> Members(string id, string? feed, string? category, string[]? flag, string? from, string? to,
        string? benchmark, GeographyRegistry geography, FeedCatalog catalog, IGrainFactory grains, TimeProvider clock, IOptions<HubOptions> options)
    {
        if (geography.Find(id) is not { } footprint) return Task.FromResult(Problems.FootprintNotFound(id));
        var members = footprint.Members.Select(m => geography.Find(m)!).ToList();
        return Rows(members, null, footprint.Id, feed, category, flag, from, to, benchmark, geography, catalog, grains, clock, options.Value);
    }

    private static async Task<IResult> Rows(IReadOnlyList<Footprint> footprints, string? kind, string? parent, string? feed, string? category,
        string[]? flag, string? from, string? to, string? benchmarkId, GeographyRegistry geography, FeedCatalog catalog,
        IGrainFactory grains, TimeProvider clock, HubOptions options)
    {
        var question = await ComparisonQuestion.AskAsync(footprints, feed, category, flag, from, to, benchmarkId, geography, catalog, grains, clock, options);
        if (question.Problem is { } problem) return problem;
        var benchmarkRow = ComparisonRow.For(question.Benchmark!, question.BenchmarkCount, benchmarkRate: null);
        var rows = footprints.Select((f, i) => ComparisonRow.For(f, question.Counts[i], benchmarkRow.RatePer100k)).Append(benchmarkRow).ToList();
        var range = question.Range;
        return TypedResults.Ok(new ComparisonBody(kind, parent, feed!, category, flag ?? [], range.From, range.To, question.Benchmark!.Id,
            geography.PopulationSource, ComparisonQuestion.Method, rows));
    }
}
