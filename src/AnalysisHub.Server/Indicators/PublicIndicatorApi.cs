using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Server.Compare;
using AnalysisHub.Server.Hosting;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// The public twins of the indicator figure and comparison, under <c>/api/v1/public/indicators/…</c>: a figure resting
/// on fewer responses than <see cref="IndicatorOptions.PublicMinimumBase"/> is withheld, and the weighted sums are never
/// shown, since a benchmark's sums less the others' would give a withheld area's back.
/// </summary>
public static class PublicIndicatorApi
{
    public static IEndpointRouteBuilder MapPublicIndicatorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/public/indicators/{indicator}").WithTags("Public");
        api.MapGet("/footprints/{id}", Figure).WithName("PublicIndicatorFigure")
            .WithSummary("The indicator for a footprint, withheld when it rests on too few responses.");
        api.MapGet("/compare", Compare).WithName("PublicIndicatorCompare")
            .WithSummary("The indicator for every footprint of a kind, withholding figures that rest on too few responses.");
        return app;
    }

    private static async Task<Results<Ok<PublicIndicatorBody>, ProblemHttpResult>> Figure(string id, [AsParameters] IndicatorArguments query,
        IOptions<IndicatorOptions> options)
    {
        if (query.FindIndicator(out var indicator) is { } missing) return missing;
        if (query.Geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        if (query.ParseRange(out var range) is { } problem) return problem;
        var figure = IndicatorFigure.Of(indicator, footprint, range, await query.SumsAsync(footprint, indicator, range));
        var minimum = options.Value.PublicMinimumBase;
        return TypedResults.Ok(new PublicIndicatorBody(indicator.Id, range.From, range.To, minimum, PublicIndicatorRow.Note(minimum),
            [PublicIndicatorRow.Of(figure, footprint.Kind, null, null, false, minimum)]));
    }

    private static async Task<Results<Ok<PublicIndicatorBody>, ProblemHttpResult>> Compare(string? kind, string? benchmark,
        [AsParameters] IndicatorArguments query, IOptions<IndicatorOptions> options)
    {
        if (query.FindIndicator(out var indicator) is { } missing) return missing;
        if (query.ParseComparison(kind, benchmark, out var footprints, out var benchmarkFootprint) is { } bad) return bad;
        if (query.ParseRange(out var range) is { } problem) return problem;
        var rows = await IndicatorApi.CompareAsync(query, indicator, footprints, benchmarkFootprint, range);
        var minimum = options.Value.PublicMinimumBase;
        var benchmarkShown = rows[^1].UnweightedBase >= minimum;
        return TypedResults.Ok(new PublicIndicatorBody(indicator.Id, range.From, range.To, minimum, PublicIndicatorRow.Note(minimum),
            rows.Select(r => PublicIndicatorRow.Of(r, minimum, benchmarkShown)).ToList()));
    }
}

/// <summary>A public indicator answer: rows with disclosure control, and the footnote that says how it was applied.</summary>
public sealed record PublicIndicatorBody(
    string Indicator, DateOnly From, DateOnly To, int MinimumBase, string DisclosureControl, IReadOnlyList<PublicIndicatorRow> Rows);

/// <summary>
/// A footprint's figure for the public: percent and interval, or nulls with <see cref="Withheld"/> when fewer than the
/// minimum responses; the comparison and the change only where every figure they rest on is shown.
/// </summary>
public sealed record PublicIndicatorRow(
    string Footprint, string Name, string Kind, double? Percent, double[]? Ci95, long UnweightedBase, bool Withheld,
    string? Comparison, string? Change, bool IsBenchmark)
{
    internal static string Note(int minimum) =>
        $"Figures resting on fewer than {minimum} responses are withheld (percent and interval null, withheld true), and so are the comparisons " +
        $"and changes that rest on them. Weighted sums are not published: with the benchmark's, they would give a withheld area's back.";

    internal static PublicIndicatorRow Of(IndicatorFigure figure, string kind, string? comparison, string? change, bool isBenchmark, int minimum)
    {
        var withheld = figure.UnweightedBase < minimum;
        return new(figure.Footprint, figure.Name, kind, withheld ? null : figure.Percent, withheld ? null : figure.Ci95, figure.UnweightedBase,
            withheld, withheld ? null : comparison, withheld ? null : change, isBenchmark);
    }

    internal static PublicIndicatorRow Of(IndicatorComparisonRow row, int minimum, bool benchmarkShown)
    {
        var withheld = row.UnweightedBase < minimum;
        // A change rests on the previous period too: its percent, and so its direction, is shown only when that period is.
        var previousShown = row.Change.PreviousUnweightedBase >= minimum && row.Change.Direction != IndicatorChange.NotTested;
        return new(row.Footprint, row.Name, row.Kind, withheld ? null : row.Percent, withheld ? null : row.Ci95, row.UnweightedBase, withheld,
            withheld || !benchmarkShown ? null : row.Comparison, withheld || !previousShown ? null : row.Change.Direction, row.IsBenchmark);
    }
}
