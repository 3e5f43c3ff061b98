using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Server.Profile;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Bulletin;

/// <summary>
/// The weekly bulletin for partners (unsuppressed): for each violence measure, the week's count beside the
/// previous four weeks' mean and the same week last year, its rate compared with Wales, exceedance (EARS C2 and
/// Farrington-flexible), the time profile of the week's months and the member authorities with most events.
/// JSON, CSV or a printable HTML page: <c>?format=</c> wins over <c>Accept</c>; JSON by default.
/// </summary>
public static class BulletinApi
{
    /// <summary>How many member authorities the bulletin ranks.</summary>
    public const int TopMembers = 5;

    public static IEndpointRouteBuilder MapBulletinApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/footprints/{id}/bulletin", Bulletin).WithTags("Surveillance").WithName("WeeklyBulletin")
            .WithSummary("The weekly bulletin of violence measures for a footprint (JSON, CSV or printable HTML).");
        return app;
    }

    private static async Task<Results<Ok<BulletinBody>, ContentHttpResult, ProblemHttpResult>> Bulletin(string id, [AsParameters] BulletinArguments query, HttpContext context)
    {
        var answer = await query.AskAsync(id, context.Request);
        if (answer.Problem is { } problem) return problem;
        var measures = answer.Each(Measure);
        var (f, week, source) = (answer.Footprint!, answer.Week, query.Geography.PopulationSource);
        var body = new BulletinBody(f.Id, f.Kind, f.Name, week.Label, week.Start, week.End, answer.Wales!.Id, f.Population, source,
            ProfileApi.TimeZone, measures, BulletinFootnotes.For(source, week, measures.Select(m => $"{m.Feed}/{m.Category}: {m.ExcludedMonthPrecision}"),
                "Partner audience: counts are not suppressed; do not publish without disclosure control."));
        return answer.Respond(body, DisclosedBulletin.Unsuppressed(body));
    }

    private static BulletinMeasure Measure(BulletinFigures f, Footprint footprint, Footprint wales)
    {
        var rate = CrudeRate.Calculate(f.Count, footprint.Population);
        var walesRate = CrudeRate.Calculate(f.WalesCount, wales.Population);
        var comparison = footprint.Id == wales.Id ? null : BenchmarkComparison.Compare(rate, walesRate.Rate).ToSlug();
        var previous = f.Previous;
        var top = f.Members.Take(TopMembers).Select((x, i) => BulletinMember.For(i + 1, x.Member, x.Count)).ToList();
        return new BulletinMeasure(f.Measure.Feed, f.Measure.Category, f.Count, previous.Count == 0 ? 0 : previous.Average(),
            f.SameWeekLastYear.Label, f.SameWeekLastYearCount, rate.Rate, [rate.Ci95.Lower, rate.Ci95.Upper], walesRate.Count, walesRate.Rate,
            comparison, f.EarsC2(), f.Farrington(), f.ExcludedMonthPrecision,
            new BulletinProfile(f.ProfileFrom, f.ProfileTo, f.Slots.Sum(), ProfileDay.FromSlots(f.Slots)), top);
    }
}
