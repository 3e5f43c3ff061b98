using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Compare;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// Survey indicators for partners (unsuppressed): a footprint's figure, the comparison of every footprint of a kind
/// with a benchmark and with its own previous period, and progress against a target.
/// </summary>
public static class IndicatorApi
{
    /// <summary>The list of indicators: what each one counts (anonymous, as the vocabulary is).</summary>
    public static IEndpointRouteBuilder MapIndicatorListing(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/indicators", (FeedCatalog catalog) =>
                TypedResults.Ok(new { indicators = catalog.Indicators.Select(IndicatorDescription.Of).ToList() }))
            .WithTags("Indicators").WithName("ListIndicators").WithSummary("The survey indicators and what each one counts.");
        return app;
    }

    public static IEndpointRouteBuilder MapIndicatorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/indicators/{indicator}").WithTags("Indicators");
        api.MapGet("/footprints/{id}", Figure).WithName("IndicatorFigure")
            .WithSummary("The indicator's weighted percent, 95% interval and bases for a footprint over a period.");
        api.MapGet("/compare", CompareKind).WithName("IndicatorCompare")
            .WithSummary("The indicator for every footprint of a kind, against a benchmark and against the previous period of the same length.");
        api.MapGet("/targets/{footprint}/progress", Progress).WithName("IndicatorTargetProgress")
            .WithSummary("The latest 12 months against the target's trajectory and its final target.");
        return app;
    }

    private static async Task<Results<Ok<IndicatorFigure>, ProblemHttpResult>> Figure(string id, [AsParameters] IndicatorArguments query)
    {
        if (query.FindIndicator(out var indicator) is { } missing) return missing;
        if (query.Geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        if (query.ParseRange(out var range) is { } problem) return problem;
        return TypedResults.Ok(IndicatorFigure.Of(indicator, footprint, range, await query.SumsAsync(footprint, indicator, range)));
    }

    private static async Task<Results<Ok<IndicatorComparisonBody>, ProblemHttpResult>> CompareKind(
        string? kind, string? benchmark, [AsParameters] IndicatorArguments query)
    {
        if (query.FindIndicator(out var indicator) is { } missing) return missing;
        if (query.ParseComparison(kind, benchmark, out var footprints, out var benchmarkFootprint) is { } bad) return bad;
        if (query.ParseRange(out var range) is { } problem) return problem;
        var rows = await CompareAsync(query, indicator, footprints, benchmarkFootprint, range);
        var shown = footprints.Append(benchmarkFootprint).Select(f => f.Id).ToHashSet();
        var published = (await query.Store.ListPublishedAsync(indicator.Id, null))
            .Where(p => shown.Contains(p.Footprint) && p.From <= range.To && p.To >= range.From).ToList();
        return TypedResults.Ok(new IndicatorComparisonBody(indicator.Id, kind!, range.From, range.To, benchmarkFootprint.Id,
            IndicatorDescription.MethodText, rows, published));
    }

    /// <summary>Each footprint's row, then the benchmark's, for this period and the one of the same length before it.</summary>
    internal static async Task<List<IndicatorComparisonRow>> CompareAsync(QueryServices query, Indicator indicator,
        IReadOnlyList<Footprint> footprints, Footprint benchmark, DateRange range)
    {
        var previous = IndicatorPeriods.Previous(range);
        var all = footprints.Append(benchmark).ToList();
        Task<WeightedSums> Sums(Footprint f, DateRange r) => IndicatorSums.ReadAsync(query.Grains, f, indicator, r, query.Timeout);
        var current = await Task.WhenAll(all.Select(f => Sums(f, range)));
        var before = await Task.WhenAll(all.Select(f => Sums(f, previous)));
        var figures = all.Select((f, i) => IndicatorFigure.Of(indicator, f, range, current[i])).ToList();
        var benchmarkPercent = figures[^1].Percent;
        return all.Select((f, i) => IndicatorComparisonRow.Of(figures[i], f, IndicatorFigure.Of(indicator, f, previous, before[i]),
            benchmarkPercent, isBenchmark: i == all.Count - 1)).ToList();
    }

    private static async Task<Results<Ok<IndicatorProgressBody>, ProblemHttpResult>> Progress(
        string footprint, string? asOf, [AsParameters] IndicatorArguments query)
    {
        if (query.FindIndicator(out var indicator) is { } missing) return missing;
        if (query.Geography.Find(footprint) is not { } area) return Problems.FootprintNotFound(footprint);
        var date = IndicatorPeriods.DefaultAsOf(LondonTime.Today(query.Clock));
        if (!string.IsNullOrEmpty(asOf) && !DateArgument.TryParse(asOf, out date))
            return Problems.BadParameter("asOf", asOf, $"'{asOf}' is not a date (YYYY-MM-DD)");
        if (await query.Store.GetTargetAsync(indicator.Id, area.Id) is not { } target)
            return IndicatorProblems.NoTarget(indicator.Id, area.Id);

        var range = IndicatorPeriods.TwelveMonthsEnding(date);
        var figure = IndicatorFigure.Of(indicator, area, range, await query.SumsAsync(area, indicator, range));
        var published = await query.Store.ListPublishedAsync(indicator.Id, area.Id);
        var standing = IndicatorStanding.Of(target, figure.Percent, published, date);
        return TypedResults.Ok(new IndicatorProgressBody(indicator.Id, area.Id, date,
            new LatestFigure(range.From, range.To, figure.Percent, figure.Ci95, figure.UnweightedBase, figure.EffectiveBase),
            standing.Trajectory, standing.Target, standing.Status, standing.StatusBasis, target.Baseline, target.Milestones, published));
    }

    internal static TargetTrajectory TargetTrajectoryOf(IndicatorTarget target) =>
        new(new TrajectoryPoint(target.Baseline.To, target.Baseline.Percent),
            target.Milestones.Select(m => new TrajectoryPoint(m.Date, m.Percent)).ToList());
}
