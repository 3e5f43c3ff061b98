using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Indicators;

/// <summary>The query string and services the indicator endpoints share (bound with <c>[AsParameters]</c>).</summary>
public sealed class IndicatorArguments : QueryServices
{
    [FromRoute(Name = "indicator")] public required string IndicatorId { get; init; }
    [FromQuery(Name = "from")] public string? From { get; init; }
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>Which footprints of a kind are compared: those that existed on this day (default today).</summary>
    [FromQuery(Name = "asOf")] public string? AsOf { get; init; }
    [FromServices] public required IIndicatorStore Store { get; init; }

    /// <summary>The indicator named in the route, or a 404 naming the ones there are.</summary>
    internal ProblemHttpResult? FindIndicator(out Indicator indicator)
    {
        indicator = Catalog.FindIndicator(IndicatorId)!;
        return indicator is null ? IndicatorProblems.NotFound(IndicatorId, Catalog) : null;
    }

    /// <summary>
    /// The period asked for: <c>from</c>/<c>to</c> as for series (neither → the last 12 complete months; only
    /// <c>to</c> → the 12 months ending on it), or a problem naming the bad parameter.
    /// </summary>
    internal ProblemHttpResult? ParseRange(out DateRange range)
    {
        range = default;
        DateOnly? from = null, to = null;
        if (!string.IsNullOrEmpty(From))
        {
            if (!DateArgument.TryParse(From, out var d)) return Problems.BadParameter("from", From, $"'{From}' is not a date (YYYY-MM-DD)");
            from = d;
        }
        if (!string.IsNullOrEmpty(To))
        {
            if (!DateArgument.TryParse(To, out var d)) return Problems.BadParameter("to", To, $"'{To}' is not a date (YYYY-MM-DD)");
            to = d;
        }
        range = from is null && to is { } end ? IndicatorPeriods.TwelveMonthsEnding(end) : DateRange.Resolve(from, to, LondonTime.Today(Clock));
        if (range.From > range.To)
            return Problems.BadParameter("from", From, $"from ({range.From:yyyy-MM-dd}) is after to ({range.To:yyyy-MM-dd})");
        if (range.Days > SeriesParameters.MaxDays)
            return Problems.BadParameter("to", To, $"the range spans {range.Days} days; at most {SeriesParameters.MaxDays} are allowed");
        return null;
    }

    /// <summary>The footprints of <paramref name="kind"/> and the benchmark (Wales by default), or a problem naming the bad parameter.</summary>
    internal ProblemHttpResult? ParseComparison(string? kind, string? benchmark, out IReadOnlyList<Footprint> footprints, out Footprint benchmarkFootprint)
    {
        benchmarkFootprint = null!;
        if (Geography.FootprintsOfKind(kind, AsOf, Clock, out footprints) is { } problem) return problem;
        var benchmarkId = benchmark ?? Compare.ComparisonQuestion.DefaultBenchmark;
        if (Geography.Find(benchmarkId) is not { } found)
            return Problems.BadParameter("benchmark", benchmarkId, $"unknown footprint '{benchmarkId}'");
        benchmarkFootprint = found;
        return null;
    }

    internal Task<WeightedSums> SumsAsync(Footprint footprint, Indicator indicator, DateRange range) =>
        IndicatorSums.ReadAsync(Grains, footprint, indicator, range, Timeout);
}
