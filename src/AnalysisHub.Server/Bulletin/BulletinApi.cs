using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Completeness;
using AnalysisHub.Server.Indicators;
using AnalysisHub.Server.Profile;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Bulletin;

/// <summary>
/// The weekly (<c>?week=</c>) or monthly (<c>?month=</c>) bulletin for partners (unsuppressed): for each violence
/// measure, the period's count beside the previous periods' mean (four weeks, or three months) and the same period
/// last year, its rate compared with Wales, exceedance (EARS C2 and Farrington-flexible, on weekly or monthly counts),
/// the time profile of the period's months and the member authorities with most events. The monthly bulletin counts
/// the month-precision records (data.police.uk) that the weekly one leaves out. JSON, CSV or a printable HTML page:
/// <c>?format=</c> wins over <c>Accept</c>; JSON by default.
/// </summary>
public static class BulletinApi
{
    /// <summary>How many member authorities the bulletin ranks.</summary>
    public const int TopMembers = 5;

    public static IEndpointRouteBuilder MapBulletinApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/footprints/{id}/bulletin", Bulletin).WithTags("Surveillance").WithName("WeeklyBulletin")
            .WithSummary("The weekly (week=) or monthly (month=) bulletin of violence measures for a footprint (JSON, CSV or printable HTML).");
        return app;
    }

    private static async Task<Results<Ok<BulletinBody>, ContentHttpResult, ProblemHttpResult>> Bulletin(string id, [AsParameters] BulletinArguments query, HttpContext context)
    {
        var answer = await query.AskAsync(id, context.Request);
        if (answer.Problem is { } problem) return problem;
        var measures = answer.Each(Measure);
        var (f, period, source) = (answer.Footprint!, answer.Period, query.Geography.PopulationSource);
        var range = new DateRange(period.Start, period.End);
        for (var i = 0; i < measures.Count; i++)
            measures[i] = measures[i] with { IncompleteMembers = (await query.Completeness.ReadAsync(query.Catalog.FindFeed(measures[i].Feed)!, range))
                .IncompleteIn(f, period.Start, period.End, range, answer.Boundaries) };
        var confidence = answer.Confidence.Select(c => BulletinConfidence.Of(DisclosedIndicator.Partner(c))).ToList();
        var body = new BulletinBody(f.Id, f.Kind, f.Name, BulletinFootnotes.WeekOf(period), period.Start, period.End, answer.Wales!.Id, answer.Population, source,
            ProfileApi.TimeZone, measures, BulletinFootnotes.For(source, period, measures.Select(m => $"{m.Feed}/{m.Category}: {m.ExcludedMonthPrecision}"),
                "Partner audience: counts are not suppressed; do not publish without disclosure control.", confidence),
            period.Granularity.ToSlug(), period.Label, confidence, Domain.Rollups.BoundariesNames.ToSlug(answer.Boundaries));
        return answer.Respond(body, DisclosedBulletin.Unsuppressed(body));
    }

    private static BulletinMeasure Measure(BulletinFigures f, Footprint footprint, long population, Footprint wales)
    {
        var rate = CrudeRate.Calculate(f.Count, population);
        var walesRate = CrudeRate.Calculate(f.WalesCount, wales.Population);
        var comparison = footprint.Id == wales.Id ? null : BenchmarkComparison.Compare(rate, walesRate.Rate).ToSlug();
        var previous = f.Previous;
        var mean = previous.Count == 0 ? 0 : previous.Average();
        var weekly = f.Granularity == Granularity.Week;
        var top = f.Members.Take(TopMembers).Select((x, i) => BulletinMember.For(i + 1, x.Member, x.Count)).ToList();
        return new BulletinMeasure(f.Measure.Feed, f.Measure.Category, f.Count, weekly ? mean : null,
            weekly ? f.SamePeriodLastYear.Label : null, weekly ? f.SamePeriodLastYearCount : null, rate.Rate, [rate.Ci95.Lower, rate.Ci95.Upper],
            walesRate.Count, walesRate.Rate, comparison, f.EarsC2(), f.Farrington(), f.ExcludedMonthPrecision,
            new BulletinProfile(f.ProfileFrom, f.ProfileTo, f.Slots.Sum(), ProfileDay.FromSlots(f.Slots)), top,
            mean, f.PreviousPeriods, f.SamePeriodLastYear.Label, f.SamePeriodLastYearCount);
    }
}
