using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Bulletin;
using AnalysisHub.Server.Indicators;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.ConfidenceSummary;

/// <summary>
/// The monthly confidence summary's query (bound with <c>[AsParameters]</c>), for partner and public summaries alike:
/// <c>month=2025-07</c> (by default the last complete month), <c>indicator=</c> (by default every indicator) and
/// <c>format=json|csv|html</c> (or <c>Accept</c>, as for the bulletin).
/// </summary>
public sealed class ConfidenceSummaryArguments : QueryServices
{
    [FromQuery(Name = "month")] public string? Month { get; init; }
    [FromQuery(Name = "indicator")] public string? Indicator { get; init; }
    [FromQuery(Name = "format")] public string? Format { get; init; }
    [FromServices] public required IIndicatorStore Store { get; init; }

    internal async Task<ConfidenceSummaryAnswer> AskAsync(string id, HttpRequest request)
    {
        if (Geography.Find(id) is not { } footprint) return ConfidenceSummaryAnswer.Failed(Problems.FootprintNotFound(id));
        Period month;
        if (string.IsNullOrEmpty(Month))
            month = Period.LastComplete(LondonTime.Today(Clock), Granularity.Month);
        else if (!Period.TryParseMonth(Month, out month))
            return ConfidenceSummaryAnswer.Failed(Problems.BadParameter("month", Month, $"'{Month}' is not a calendar month (YYYY-MM, such as 2025-07)"));
        IReadOnlyList<Indicator> indicators = Catalog.Indicators;
        if (!string.IsNullOrEmpty(Indicator))
        {
            if (Catalog.FindIndicator(Indicator) is not { } one) return ConfidenceSummaryAnswer.Failed(IndicatorProblems.NotFound(Indicator, Catalog));
            indicators = [one];
        }
        if (!BulletinFormat.TryChoose(Format, request, out var output))
            return ConfidenceSummaryAnswer.Failed(Problems.BadParameter("format", Format, $"unknown format '{Format}'; one of {string.Join(", ", BulletinFormat.Names)}"));
        if (Geography.Find(BulletinArguments.Benchmark) is not { } wales)
            return ConfidenceSummaryAnswer.Failed(Problems.BadParameter("benchmark", BulletinArguments.Benchmark, $"unknown footprint '{BulletinArguments.Benchmark}'"));

        var figures = new List<FootprintIndicator>();
        foreach (var indicator in indicators)
            figures.Add(await FootprintIndicator.GatherAsync(this, Store, indicator, footprint, wales, month.End, withMembers: true));
        return new ConfidenceSummaryAnswer(null, footprint, wales, month, IndicatorPeriods.TwelveMonthsEnding(month.End), output, figures);
    }
}

/// <summary>A summary as asked: the footprint, Wales, the month, its 12 months, the chosen format and each indicator's figures; or the problem.</summary>
internal sealed record ConfidenceSummaryAnswer(ProblemHttpResult? Problem, Footprint? Footprint, Footprint? Wales, Period Month, DateRange Range,
    BulletinOutput Output, IReadOnlyList<FootprintIndicator> Indicators)
{
    public static ConfidenceSummaryAnswer Failed(ProblemHttpResult problem) => new(problem, null, null, default, default, BulletinOutput.Json, []);
}
