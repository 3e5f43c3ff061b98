using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Server.Compare;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Public;

/// <summary>
/// The products for a public audience, under <c>/api/v1/public/…</c>: always with disclosure control, each the twin of a
/// partner endpoint with its parameters and shape. Counts of 1–4 show as <c>"&lt;5"</c> with their rates withheld, and
/// no sum the output shows can give a withheld count back: comparisons apply complementary suppression over the
/// footprints they show; series and profiles withhold their total beside a withheld part; exceedance withholds figures
/// computed from a withheld count; the bulletin does all of these and lists members only when that is safe.
/// </summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/public").WithTags("Public");
        api.MapGet("/compare", Compare).WithName("PublicCompare")
            .WithSummary("The comparison by kind with small-number suppression.");
        api.MapGet("/footprints/{id}/members", Members).WithName("PublicMembers")
            .WithSummary("A footprint and its member authorities with small-number suppression.");
        api.MapGet("/footprints/{id}/series", PublicSeriesApi.Answer).WithName("PublicSeries")
            .WithSummary("A footprint's dense count series with small-number suppression; the total is withheld when any period's count is.");
        api.MapGet("/footprints/{id}/exceedance", PublicExceedanceApi.Answer).WithName("PublicExceedance")
            .WithSummary("Exceedance for each day or week of a footprint's series; figures computed from counts of 1-4 are withheld.");
        api.MapGet("/footprints/{id}/profile", PublicProfileApi.Answer).WithName("PublicTimeProfile")
            .WithSummary("Counts by day of week and hour of day with small-number suppression; the total is withheld when any hour's count is.");
        api.MapGet("/footprints/{id}/bulletin", PublicBulletinApi.Answer).WithName("PublicWeeklyBulletin")
            .WithSummary("The weekly (week=) or monthly (month=) bulletin of violence measures with disclosure control (JSON, CSV or printable HTML).");
        return app;
    }

    private static async Task<Results<Ok<PublicBody>, ProblemHttpResult>> Compare(string? kind, [AsParameters] ComparisonParameters query)
    {
        if (query.FootprintsOfKind(kind, out var footprints) is { } problem) return problem;
        return await Rows(footprints, query);
    }

    private static async Task<Results<Ok<PublicBody>, ProblemHttpResult>> Members(string id, [AsParameters] ComparisonParameters query)
    {
        if (query.Geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        // The footprint's own row is shown beside its members, so its total is a sum the suppression must cover.
        return await Rows(query.MembersOf(footprint).Prepend(footprint).Distinct().ToList(), query);
    }

    private static async Task<Results<Ok<PublicBody>, ProblemHttpResult>> Rows(IReadOnlyList<Footprint> footprints, ComparisonParameters query)
    {
        var question = await query.AskAsync(footprints, asWasAllowed: false);
        if (question.Problem is { } problem) return problem;

        var shown = footprints.Append(question.Benchmark!).ToList();
        var counts = question.Counts.Append(question.BenchmarkCount).ToList();
        var groups = SharedSums.Of(shown);
        var disclosed = DisclosureControl.SuppressComplementary(counts, groups);
        var benchmarkRate = CrudeRate.Calculate(question.BenchmarkCount, question.Benchmark!.Population);
        var rows = shown.Select((f, i) =>
        {
            var rate = DisclosureControl.Disclose(CrudeRate.Calculate(counts[i], f.Population), disclosed[i].Suppressed);
            var isBenchmark = i == shown.Count - 1;
            string? comparison = isBenchmark ? null
                : rate.Count.Suppressed ? BenchmarkOutcome.NotCompared.ToSlug()
                : BenchmarkComparison.Compare(rate.Ci95!.Value, benchmarkRate.Rate).ToSlug();
            return new PublicRow(f.Id, f.Kind, f.Name, Published.Count(disclosed[i]),
                disclosed[i].Suppressed, f.Population, rate.Rate, Published.Pair(rate.Ci95), Published.Pair(rate.Ci998), comparison, rate.Unreliable, isBenchmark);
        }).ToList();
        return TypedResults.Ok(new PublicBody(query.Feed!, query.Category, query.Flag ?? [], question.Range.From, question.Range.To, question.Benchmark!.Id,
            ComparisonQuestion.Method,
            "Counts of 1 to 4 are shown as \"<5\" and their rates withheld; further counts are withheld (shown as \"*\") where the shown figures would otherwise reveal a withheld one, by subtraction or because only one value in its range fits. Rates from fewer than 10 events are marked unreliable.",
            rows));
    }
}

/// <summary>A public row: <c>count</c> is a number, <c>"&lt;5"</c> (1–4) or <c>"*"</c> (withheld to protect another); <c>suppressed</c> says which, for typed clients.</summary>
public sealed record PublicRow(string Footprint, string Kind, string Name, object Count, bool Suppressed, long Population,
    double? RatePer100k, double[]? Ci95, double[]? Ci998, string? Comparison, bool Unreliable, bool IsBenchmark);

public sealed record PublicBody(string Feed, string? Category, IReadOnlyList<string> Flags, DateOnly From, DateOnly To, string Benchmark,
    string ComparisonMethod, string DisclosureControl, IReadOnlyList<PublicRow> Rows);
