using AnalysisHub.Contracts;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Series;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Exceedance;

/// <summary>
/// The exceedance query (bound with <c>[AsParameters]</c>) and its run over a footprint's live series, for partner and
/// public outputs alike. Periods are whole days, ISO weeks or calendar months; the history each method needs is read
/// from before <c>from</c>, and begins with the footprint's first period holding data for the question
/// (<see cref="RecordedHistory"/>).
/// </summary>
// Implementation note: monthly exceedance exists for month-precision feeds (data.police.uk crime and ASB incidents
// have no day, so no day or week series holds them). A month counts every record of the month, whatever its
// precision. statistics.md defines the methods for days and weeks; on months they keep their definitions in periods:
// EARS's baseline is the 7 months before a 2-month guard band (the "recent months"), Farrington-flexible compares the
// month with the same months of 5 earlier years (FarringtonOptions.NoufailyMonthly says how its settings carry over).
public sealed class ExceedanceArguments : SeriesArguments
{
    private static readonly Dictionary<string, EarsMethod> EarsMethods = new()
    {
        ["ears-c1"] = EarsMethod.C1,
        ["ears-c2"] = EarsMethod.C2,
        ["ears-c3"] = EarsMethod.C3,
    };

    public const string FarringtonMethod = "farrington";

    [FromQuery(Name = "method")] public string? Method { get; init; }
    [FromQuery(Name = "minSigma")] public double? MinSigma { get; init; }

    internal async Task<ExceedanceRun> RunAsync(string id, bool asWasAllowed = true)
    {
        if (Geography.Find(id) is not { } footprint) return ExceedanceRun.Failed(Problems.FootprintNotFound(id));
        var method = Method ?? "ears-c2";
        var granularity = Granularity ?? "week";
        if (granularity is not ("day" or "week" or "month"))
            return ExceedanceRun.Failed(Problems.BadParameter("granularity", granularity, "exceedance is tested on 'day', 'week' or 'month' periods"));
        var farrington = method == FarringtonMethod;
        if (!farrington && !EarsMethods.ContainsKey(method))
            return ExceedanceRun.Failed(Problems.BadParameter("method", method, $"one of {string.Join(", ", EarsMethods.Keys.Append(FarringtonMethod))}"));
        if (farrington && granularity == "day")
            return ExceedanceRun.Failed(Problems.BadParameter("granularity", granularity, "Farrington-flexible runs on weekly or monthly series"));
        if (MinSigma is <= 0) return ExceedanceRun.Failed(Problems.BadParameter("minSigma", MinSigma?.ToString(), "must be positive"));

        var parsed = Parse(granularity);
        if (parsed.Problem is { } problem) return ExceedanceRun.Failed(problem);
        if (ParseBoundaries(out var boundaries, asWasAllowed) is { } bad) return ExceedanceRun.Failed(bad);
        var query = parsed.Query!;
        var unit = query.Granularity;

        // Whole periods only, and enough of them before `from` for the method's baseline: `from` chooses what is
        // shown, not what the method may look back on.
        var first = Period.Containing(query.Range.From, unit);
        var last = Period.Containing(query.Range.To, unit);
        var options = FarringtonOptions.For(unit) ?? FarringtonOptions.Noufaily;
        var history = farrington ? RecordedHistory.PeriodsBefore(options) : RecordedHistory.PeriodsBefore(EarsMethods[method]);
        var historyStart = first.Shift(-history).Start;
        var request = query with { Range = new DateRange(historyStart, last.End) };
        // On as-was boundaries the days before the footprint existed count nothing, and are missing history like any
        // days before its first record.
        Task<SeriesResult> Read(SeriesQuery q) => FootprintSeries.ReadAsync(Grains, footprint, q, boundaries, Timeout);
        var series = await Read(request);
        // History starts with the footprint's first record for the question, which may lie before what was read.
        var dataStart = await RecordedHistory.DataStartAsync(Read, request, series.Points.Select(p => p.Count).ToList());
        var counts = series.Points.Skip(dataStart).Select(p => p.Count).ToList();
        var firstTested = series.Points.Count - Period.Covering(first.Start, last.End, unit).Count();

        var sigma = MinSigma ?? Ears.DefaultMinSigma;
        var points = new List<ExceedancePoint>();
        for (var t = firstTested; t < series.Points.Count; t++)
        {
            var p = series.Points[t];
            points.Add(t < dataStart ? ExceedancePoint.Untested(p)
                : farrington ? FarringtonPoint(p, counts, t - dataStart, options)
                : EarsPoint(p, counts, t - dataStart, EarsMethods[method], sigma));
        }
        var parameters = farrington
            ? new Dictionary<string, object> { ["b"] = options.B, ["w"] = options.W, ["noPeriods"] = options.NoPeriods,
                ["pastWeeksNotIncluded"] = options.PastWeeksNotIncluded, ["weightsThreshold"] = options.WeightsThreshold,
                ["thresholdMethod"] = "nbPlugin", ["alpha"] = options.Alpha, ["limit54"] = new[] { options.Limit54Cases, options.Limit54Periods } }
            : new Dictionary<string, object> { ["minSigma"] = sigma, ["baseline"] = Ears.BaselineLength,
                ["guard"] = EarsMethods[method] == EarsMethod.C1 ? 0 : 2, ["threshold"] = EarsMethods[method] == EarsMethod.C3 ? Ears.C3Threshold : Ears.StatisticThreshold };
        // Periods a year: said for months only, so the weekly answer keeps its fields as they were.
        if (farrington && unit == AnalysisHub.Domain.Time.Granularity.Month) parameters["frequency"] = options.Frequency;
        Func<int, IEnumerable<int>> inputs = farrington
            ? t => PublicExceedance.FarringtonInputs(t, options)
            : t => PublicExceedance.EarsInputs(EarsMethods[method], t);
        var body = new ExceedanceBody(footprint.Id, Feed!, Category, Flag ?? [], granularity, method, parameters, first.Start, last.End, points,
            boundaries.ToSlug());
        return new ExceedanceRun(null, body, counts, firstTested - dataStart, inputs);
    }

    private static ExceedancePoint FarringtonPoint(SeriesPoint p, IReadOnlyList<long> counts, int t, FarringtonOptions options)
    {
        var r = Farrington.Evaluate(counts, t, options);
        return r is null
            ? ExceedancePoint.Untested(p)
            : new ExceedancePoint(p.Period, p.Start, p.End, p.Count, r.Expected, r.Threshold,
                r.Threshold > r.Expected ? (p.Count - r.Expected) / (r.Threshold - r.Expected) : null, r.Alarm);
    }

    private static ExceedancePoint EarsPoint(SeriesPoint p, IReadOnlyList<long> counts, int t, EarsMethod method, double sigma)
    {
        var e = Ears.Evaluate(counts, t, method, sigma);
        return e.Tested
            ? new ExceedancePoint(p.Period, p.Start, p.End, p.Count, e.Expected, e.Threshold, e.Statistic, e.Alarm)
            : ExceedancePoint.Untested(p);
    }
}

/// <summary>
/// An exceedance run: the partner answer, and what a public one needs to judge it — the counts the methods read (from
/// the first period with data), the index among them of the answer's first period (negative when it precedes the
/// data) and, for an index, the counts its figures are computed from.
/// </summary>
internal sealed record ExceedanceRun(ProblemHttpResult? Problem, ExceedanceBody? Body, IReadOnlyList<long> Counts, int FirstIndex,
    Func<int, IEnumerable<int>> Inputs)
{
    public static ExceedanceRun Failed(ProblemHttpResult problem) => new(problem, null, [], 0, _ => []);
}
