using System.Globalization;
using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Api;

/// <summary>
/// The weekly bulletin for partners (unsuppressed): for each violence measure, the week's count beside the
/// previous four weeks' mean and the same week last year, its rate compared with Wales, exceedance (EARS C2 and
/// Farrington-flexible), the time profile of the week's months and the member authorities with most events.
/// JSON, CSV or a printable HTML page: <c>?format=</c> wins over <c>Accept</c>; JSON by default.
/// </summary>
public static class BulletinApi
{
    public const string Benchmark = "nation:wales";

    /// <summary>How many member authorities the bulletin ranks.</summary>
    public const int TopMembers = 5;

    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static IEndpointRouteBuilder MapBulletinApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/footprints/{id}/bulletin", Bulletin).WithTags("Surveillance").WithName("WeeklyBulletin")
            .WithSummary("The weekly bulletin of violence measures for a footprint (JSON, CSV or printable HTML).");
        return app;
    }

    private static async Task<IResult> Bulletin(string id, string? week, string? format, HttpContext context,
        GeographyRegistry geography, FeedCatalog catalog, IGrainFactory grains, TimeProvider clock, IOptions<HubOptions> options)
    {
        if (geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        if (string.IsNullOrEmpty(week))
            return Problems.BadParameter("week", week, "is required, as an ISO week such as 2025-W27");
        if (!Period.TryParseWeek(week, out var period))
            return Problems.BadParameter("week", week, $"'{week}' is not an ISO week (YYYY-Www, such as 2025-W27)");
        if (!BulletinFormat.TryChoose(format, context.Request, out var chosen))
            return Problems.BadParameter("format", format, $"unknown format '{format}'; one of {string.Join(", ", BulletinFormat.Names)}");
        if (geography.Find(Benchmark) is not { } wales)
            return Problems.BadParameter("benchmark", Benchmark, $"unknown footprint '{Benchmark}'");

        var timeout = options.Value.GrainCallTimeout;
        var members = footprint.Members.Select(m => geography.Find(m)!).ToList();
        var measures = new List<BulletinMeasure>();
        foreach (var measure in ViolenceMeasure.All)
        {
            var parsed = SeriesParameters.Parse(measure.Feed, measure.Category, null,
                period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "week", catalog, clock);
            if (parsed.Problem is { } problem) return problem;
            measures.Add(await MeasureAsync(measure, parsed.Query!, period, footprint, wales, members, grains, timeout));
        }

        var body = new BulletinBody(footprint.Id, footprint.Kind, footprint.Name, period.Label, period.Start, period.End, wales.Id,
            footprint.Population, geography.PopulationSource, "Europe/London", measures,
            Footnotes(geography.PopulationSource, period, measures));
        return chosen switch
        {
            BulletinOutput.Csv => TypedResults.Text(BulletinCsv.Write(body), "text/csv", System.Text.Encoding.UTF8),
            BulletinOutput.Html => TypedResults.Text(BulletinHtml.Write(body), "text/html", System.Text.Encoding.UTF8),
            _ => TypedResults.Ok(body),
        };
    }

    private static async Task<BulletinMeasure> MeasureAsync(ViolenceMeasure measure, SeriesQuery query, Period week, Footprint footprint,
        Footprint wales, IReadOnlyList<Footprint> members, IGrainFactory grains, TimeSpan timeout)
    {
        // History enough for Farrington-flexible (which also covers EARS C2, the previous four weeks and last year).
        var farringtonHistory = (FarringtonOptions.Noufaily.B * FarringtonOptions.Noufaily.Frequency) + FarringtonOptions.Noufaily.W + 1;
        var history = Math.Max(farringtonHistory, Math.Max(Ears.HistoryNeeded(EarsMethod.C2), 53));
        var historyStart = week.Start.AddDays(-7 * history);
        var historyRequest = SeriesRequest.From(query with { Range = new DateRange(historyStart, week.End) });
        var weekRequest = SeriesRequest.From(query);
        // Month-precision records (data.police.uk months have no day) cannot be placed in a week: count them over the week's months.
        int firstMonth = MonthIndex.Of(week.Start), lastMonth = MonthIndex.Of(week.End);
        var monthsRequest = SeriesRequest.From(query with { Range = new DateRange(MonthIndex.FirstDay(firstMonth), MonthIndex.LastDay(lastMonth)) });

        var rollup = RollupGrains.For(grains, footprint);
        var seriesTask = rollup.GetSeries(historyRequest).WaitAsync(timeout);
        var monthsTask = rollup.GetSeries(monthsRequest).WaitAsync(timeout);
        var profileTask = rollup.GetHourOfWeekProfile(query.Feed, query.Categories.ToArray(), firstMonth, lastMonth).WaitAsync(timeout);
        var walesTask = RollupGrains.For(grains, wales).GetSeries(weekRequest).WaitAsync(timeout);
        var memberTasks = members.Select(m => RollupGrains.For(grains, m).GetSeries(weekRequest).WaitAsync(timeout)).ToList();
        await Task.WhenAll(seriesTask, monthsTask, profileTask, walesTask, Task.WhenAll(memberTasks));

        var points = seriesTask.Result.ToResult().Points;
        var t = points.Count - 1;
        var count = points[t].Count;
        var previous = points.Skip(Math.Max(0, t - 4)).Take(Math.Min(4, t)).Select(p => p.Count).ToList();
        var previousMean = previous.Count == 0 ? 0 : previous.Average();
        var lastYear = Period.Containing(week.Start.AddDays(-364), Granularity.Week);
        var lastYearCount = points.FirstOrDefault(p => p.Start == lastYear.Start)?.Count ?? 0;

        var rate = CrudeRate.Calculate(count, footprint.Population);
        var walesRate = CrudeRate.Calculate(walesTask.Result.Total, wales.Population);
        var comparison = footprint.Id == wales.Id ? null : BenchmarkComparison.Compare(rate, walesRate.Rate).ToSlug();

        var (ears, farrington) = Exceedance(points);

        var slots = profileTask.Result;
        var profile = new BulletinProfile(MonthIndex.FirstDay(firstMonth), MonthIndex.LastDay(lastMonth), slots.Sum(),
            Days.Select((day, d) => new ProfileDay(day, slots.Skip(d * 24).Take(24).ToArray())).ToList());

        var top = members.Select((m, i) => (Member: m, Count: memberTasks[i].Result.Total))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Member.Name, StringComparer.Ordinal)
            .Take(TopMembers)
            .Select((x, i) => new BulletinMember(i + 1, x.Member.Id, x.Member.Name, x.Count, x.Member.Population,
                CrudeRate.Calculate(x.Count, x.Member.Population).Rate))
            .ToList();

        return new BulletinMeasure(measure.Feed, measure.Category, count, previousMean, lastYear.Label, lastYearCount,
            rate.Rate, [rate.Ci95.Lower, rate.Ci95.Upper], walesRate.Count, walesRate.Rate, comparison, ears, farrington,
            monthsTask.Result.ToResult().ExcludedMonthPrecision, profile, top);
    }

    /// <summary>
    /// EARS C2 (minSigma 0.5) and Farrington-flexible at the last period, as the exceedance endpoint tests it: history
    /// begins at the first period holding data, and a period that cannot be tested has only nulls.
    /// </summary>
    internal static (BulletinExceedance Ears, BulletinExceedance Farrington) Exceedance(IReadOnlyList<SeriesPoint> points)
    {
        var t = points.Count - 1;
        var dataStart = points.ToList().FindIndex(p => p.Count > 0);
        if (dataStart < 0 || dataStart > t) return (BulletinExceedance.Untested, BulletinExceedance.Untested);
        var counts = points.Skip(dataStart).Select(p => p.Count).ToList();
        var e = Ears.Evaluate(counts, t - dataStart, EarsMethod.C2, Ears.DefaultMinSigma);
        var ears = e.Tested ? new BulletinExceedance(e.Expected, e.Threshold, e.Statistic, e.Alarm) : BulletinExceedance.Untested;
        var f = Farrington.Evaluate(counts, t - dataStart);
        var farrington = f is null ? BulletinExceedance.Untested
            : new BulletinExceedance(f.Expected, f.Threshold,
                f.Threshold > f.Expected ? (points[t].Count - f.Expected) / (f.Threshold - f.Expected) : null, f.Alarm);
        return (ears, farrington);
    }

    private static List<string> Footnotes(string populationSource, Period week, IReadOnlyList<BulletinMeasure> measures)
    {
        var excluded = string.Join("; ", measures.Select(m => $"{m.Feed}/{m.Category}: {m.ExcludedMonthPrecision}"));
        return
        [
            "Rates are per 100,000 residents for the week (not annualised); 95% confidence intervals by Byar's method for counts of 10 or more, exact Poisson below.",
            $"Comparison with Wales ({Benchmark}) for the same week: the footprint's 95% interval wholly above Wales's rate is 'higher', wholly below is 'lower', otherwise 'similar'.",
            $"Exceedance: CDC EARS C2 on weekly counts (baseline of {Ears.BaselineLength} weeks after a 2-week guard band; alarm when the statistic exceeds {Ears.StatisticThreshold.ToString(CultureInfo.InvariantCulture)}; minSigma {Ears.DefaultMinSigma.ToString(CultureInfo.InvariantCulture)}).",
            "Farrington-flexible (Noufaily et al. 2013) settings: b = 5, w = 3, noPeriods = 10, pastWeeksNotIncluded = 26, weightsThreshold = 2.58, thresholdMethod = nbPlugin, alpha = 0.05, limit54 = (5, 4). History begins at the first week holding data; a week that cannot be tested shows no expected value, threshold or alarm.",
            $"Same week last year: the ISO week containing the date 364 days earlier. The previous four weeks' mean is over the four ISO weeks before {week.Label}.",
            $"Population: {populationSource}.",
            "Days and hours are Europe/London local days and hours; weeks are ISO weeks (Monday to Sunday).",
            $"Data completeness: records known only to their month (data.police.uk months have no day) are not in weekly counts; over the month(s) of {week.Label} — {excluded}.",
            "Partner audience: counts are not suppressed; do not publish without disclosure control.",
        ];
    }
}
