using System.Globalization;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Indicators;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Bulletin;

/// <summary>
/// The bulletin's query (bound with <c>[AsParameters]</c>) and the figures behind it, for partner and public bulletins
/// alike: <c>week=2025-W27</c> for the weekly bulletin, or <c>month=2025-07</c> for the monthly one, whose counts hold
/// the month-precision records (data.police.uk crime) that no week can.
/// </summary>
public sealed class BulletinArguments : QueryServices
{
    public const string Benchmark = "nation:wales";

    [FromQuery(Name = "week")] public string? Week { get; init; }
    [FromQuery(Name = "month")] public string? Month { get; init; }
    [FromQuery(Name = "format")] public string? Format { get; init; }
    [FromServices] public required IIndicatorStore Store { get; init; }

    /// <summary><c>current</c> (default) or <c>as-was</c>: the footprint's members of each day (partner bulletins only).</summary>
    [FromQuery(Name = "boundaries")] public string? Boundaries { get; init; }

    internal async Task<BulletinAnswer> AskAsync(string id, HttpRequest request, bool asWasAllowed = true)
    {
        if (Geography.Find(id) is not { } footprint) return BulletinAnswer.Failed(Problems.FootprintNotFound(id));
        if (BoundariesArgument.Parse(Boundaries, asWasAllowed, out var boundaries) is { } bad) return BulletinAnswer.Failed(bad);
        Period period;
        if (!string.IsNullOrEmpty(Month))
        {
            if (!string.IsNullOrEmpty(Week))
                return BulletinAnswer.Failed(Problems.BadParameter("month", Month, "a bulletin is of a week or of a month: give week or month, not both"));
            if (!Period.TryParseMonth(Month, out period))
                return BulletinAnswer.Failed(Problems.BadParameter("month", Month, $"'{Month}' is not a calendar month (YYYY-MM, such as 2025-07)"));
        }
        else if (string.IsNullOrEmpty(Week))
            return BulletinAnswer.Failed(Problems.BadParameter("week", Week, "is required, as an ISO week such as 2025-W27 (or month, such as 2025-07, for the monthly bulletin)"));
        else if (!Period.TryParseWeek(Week, out period))
            return BulletinAnswer.Failed(Problems.BadParameter("week", Week, $"'{Week}' is not an ISO week (YYYY-Www, such as 2025-W27)"));
        if (!BulletinFormat.TryChoose(Format, request, out var output))
            return BulletinAnswer.Failed(Problems.BadParameter("format", Format, $"unknown format '{Format}'; one of {string.Join(", ", BulletinFormat.Names)}"));
        if (Geography.Find(Benchmark) is not { } wales)
            return BulletinAnswer.Failed(Problems.BadParameter("benchmark", Benchmark, $"unknown footprint '{Benchmark}'"));

        // As it was, the members of the period's first day the footprint existed; else as it stands.
        var members = boundaries == Domain.Rollups.Boundaries.AsWas && footprint.FirstMembersBetween(period.Start, period.End) is { } then
            ? then.Select(a => a.Footprint).ToList()
            : MembersOf(footprint).ToList();
        var measures = new List<BulletinFigures>();
        foreach (var measure in ViolenceMeasure.For(period.Granularity))
        {
            var parsed = SeriesParameters.Parse(measure.Feed, measure.Category, null,
                period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                period.Granularity.ToSlug(), Catalog, Clock);
            if (parsed.Problem is { } problem) return BulletinAnswer.Failed(problem);
            measures.Add(await BulletinFigures.GatherAsync(measure, parsed.Query!, period, footprint, wales, members, boundaries, Grains, Timeout));
        }
        // The survey indicators over the 12 months ending with the bulletin's period: a year of responses, as they are published.
        var confidence = new List<FootprintIndicator>();
        foreach (var indicator in Catalog.Indicators)
            confidence.Add(await FootprintIndicator.GatherAsync(this, Store, indicator, footprint, wales, period.End, withMembers: false));
        return new BulletinAnswer(null, footprint, wales, period, output, measures, confidence, boundaries,
            FootprintSeries.PopulationOver(footprint, boundaries, period.Start, period.End));
    }
}

/// <summary>A bulletin as asked: the footprint, Wales, the week or month, the chosen format, each measure's figures and each
/// survey indicator's; or the problem.</summary>
/// <param name="Population">the footprint's population its rates are over: as it stands, or as it was in the period.</param>
internal sealed record BulletinAnswer(ProblemHttpResult? Problem, Footprint? Footprint, Footprint? Wales, Period Period, BulletinOutput Output,
    IReadOnlyList<BulletinFigures> Measures, IReadOnlyList<FootprintIndicator> Confidence,
    Domain.Rollups.Boundaries Boundaries = Domain.Rollups.Boundaries.Current, long Population = 0)
{
    public static BulletinAnswer Failed(ProblemHttpResult problem) => new(problem, null, null, default, BulletinOutput.Json, [], []);

    /// <summary>Each measure's figures made into <typeparamref name="T"/> for this footprint and its population, against Wales.</summary>
    public List<T> Each<T>(Func<BulletinFigures, Footprint, long, Footprint, T> measure) =>
        Measures.Select(f => measure(f, Footprint!, Population, Wales!)).ToList();

    /// <summary>The bulletin in the chosen format: <paramref name="json"/> as JSON, or <paramref name="sheet"/> as CSV or HTML.</summary>
    public Results<Ok<T>, ContentHttpResult, ProblemHttpResult> Respond<T>(T json, DisclosedBulletin sheet) => BulletinFormat.Respond(Output, json, sheet);
}
