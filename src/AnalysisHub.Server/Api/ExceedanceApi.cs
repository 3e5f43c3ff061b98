using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Api;

/// <summary>
/// Is this period unusual? EARS C1/C2/C3 (day or week) or Farrington-flexible (week) over a footprint's live
/// series. Periods are whole days or ISO weeks; the history each method needs is read from before <c>from</c>,
/// and begins with the footprint's first period holding data for the question.
/// A period that cannot be tested has no expected value, threshold or alarm — never zeros.
/// </summary>
public static class ExceedanceApi
{
    private static readonly Dictionary<string, EarsMethod> EarsMethods = new()
    {
        ["ears-c1"] = EarsMethod.C1,
        ["ears-c2"] = EarsMethod.C2,
        ["ears-c3"] = EarsMethod.C3,
    };

    public const string FarringtonMethod = "farrington";

    public static IEndpointRouteBuilder MapExceedanceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/footprints/{id}/exceedance", Exceedance).WithTags("Surveillance").WithName("Exceedance")
            .WithSummary("Exceedance (EARS C1/C2/C3 or Farrington-flexible) for each day or week of a footprint's series.");
        return app;
    }

    private static async Task<IResult> Exceedance(string id, string? feed, string? category, string[]? flag, string? granularity,
        string? method, string? from, string? to, double? minSigma, GeographyRegistry geography, FeedCatalog catalog,
        IGrainFactory grains, TimeProvider clock, IOptions<HubOptions> options)
    {
        if (geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        method ??= "ears-c2";
        granularity ??= "week";
        if (granularity is not ("day" or "week"))
            return Problems.BadParameter("granularity", granularity, "exceedance is tested on 'day' or 'week' periods");
        var farrington = method == FarringtonMethod;
        if (!farrington && !EarsMethods.ContainsKey(method))
            return Problems.BadParameter("method", method, $"one of {string.Join(", ", EarsMethods.Keys.Append(FarringtonMethod))}");
        if (farrington && granularity != "week")
            return Problems.BadParameter("granularity", granularity, "Farrington-flexible runs on weekly series");
        if (minSigma is <= 0) return Problems.BadParameter("minSigma", minSigma?.ToString(), "must be positive");

        var parsed = SeriesParameters.Parse(feed, category, flag, from, to, granularity, catalog, clock);
        if (parsed.Problem is { } problem) return problem;
        var query = parsed.Query!;
        var unit = query.Granularity;

        // Whole periods only, and enough of them before `from` for the method's baseline.
        var first = Period.Containing(query.Range.From, unit);
        var last = Period.Containing(query.Range.To, unit);
        var history = farrington
            ? (FarringtonOptions.Noufaily.B * FarringtonOptions.Noufaily.Frequency) + FarringtonOptions.Noufaily.W + 1
            : Ears.HistoryNeeded(EarsMethods[method]);
        var historyStart = unit == Granularity.Day ? first.Start.AddDays(-history) : first.Start.AddDays(-7 * history);
        var request = SeriesRequest.From(query with { Range = new DateRange(historyStart, last.End) });
        var series = (await RollupGrains.For(grains, footprint).GetSeries(request).WaitAsync(options.Value.GrainCallTimeout)).ToResult();
        // History starts with the first period that has data: the weeks before a feed began are missing, not
        // zeros — read as zeros they would make any first count look like an outbreak.
        var dataStart = series.Points.ToList().FindIndex(p => p.Count > 0);
        if (dataStart < 0) dataStart = series.Points.Count;
        var counts = series.Points.Skip(dataStart).Select(p => p.Count).ToList();
        var firstTested = series.Points.Count - Period.Covering(first.Start, last.End, unit).Count();

        var sigma = minSigma ?? Ears.DefaultMinSigma;
        var points = new List<ExceedancePoint>();
        for (var t = firstTested; t < series.Points.Count; t++)
        {
            var p = series.Points[t];
            if (t < dataStart)
            {
                points.Add(ExceedancePoint.Untested(p));
                continue;
            }
            if (farrington)
            {
                var r = Farrington.Evaluate(counts, t - dataStart);
                points.Add(r is null
                    ? ExceedancePoint.Untested(p)
                    : new ExceedancePoint(p.Period, p.Start, p.End, p.Count, r.Expected, r.Threshold,
                        r.Threshold > r.Expected ? (p.Count - r.Expected) / (r.Threshold - r.Expected) : null, r.Alarm));
            }
            else
            {
                var e = Ears.Evaluate(counts, t - dataStart, EarsMethods[method], sigma);
                points.Add(e.Tested
                    ? new ExceedancePoint(p.Period, p.Start, p.End, p.Count, e.Expected, e.Threshold, e.Statistic, e.Alarm)
                    : ExceedancePoint.Untested(p));
            }
        }
        var parameters = farrington
            ? new Dictionary<string, object> { ["b"] = 5, ["w"] = 3, ["noPeriods"] = 10, ["pastWeeksNotIncluded"] = 26, ["weightsThreshold"] = 2.58,
                ["thresholdMethod"] = "nbPlugin", ["alpha"] = 0.05, ["limit54"] = new[] { 5, 4 } }
            : new Dictionary<string, object> { ["minSigma"] = sigma, ["baseline"] = Ears.BaselineLength,
                ["guard"] = EarsMethods[method] == EarsMethod.C1 ? 0 : 2, ["threshold"] = EarsMethods[method] == EarsMethod.C3 ? Ears.C3Threshold : Ears.StatisticThreshold };
        return TypedResults.Ok(new ExceedanceBody(footprint.Id, feed!, category, flag ?? [], granularity, method, parameters,
            first.Start, last.End, points));
    }
}

public sealed record ExceedanceBody(string Footprint, string Feed, string? Category, IReadOnlyList<string> Flags, string Granularity,
    string Method, IReadOnlyDictionary<string, object> Parameters, DateOnly From, DateOnly To, IReadOnlyList<ExceedancePoint> Points);

/// <summary>One period: its count and, when it could be tested, the expected count, the threshold, the statistic and the alarm.</summary>
public sealed record ExceedancePoint(string Period, DateOnly Start, DateOnly End, long Count, double? Expected, double? Threshold,
    double? Statistic, bool? Alarm)
{
    public static ExceedancePoint Untested(SeriesPoint p) => new(p.Period, p.Start, p.End, p.Count, null, null, null, null);
}
