using AnalysisHub.Server.Bulletin;
using AnalysisHub.Server.Hosting;
using AnalysisHub.Server.Indicators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.ConfidenceSummary;

/// <summary>
/// The monthly confidence summary of a footprint, for partners (unsuppressed) and for the public (figures resting on
/// fewer than <see cref="IndicatorOptions.PublicMinimumBase"/> responses withheld, as on the public indicator routes).
/// JSON, CSV or a printable HTML page, chosen as for the bulletin: <c>?format=</c> wins over <c>Accept</c>; JSON by default.
/// </summary>
public static class ConfidenceSummaryApi
{
    public const string PartnerAudience = "partner audience (unsuppressed)";
    public const string PublicAudience = "public audience (disclosure control applied)";

    public static IEndpointRouteBuilder MapConfidenceSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/footprints/{id}/confidence-summary", Partner).WithTags("Indicators").WithName("ConfidenceSummary")
            .WithSummary("The survey indicators for a footprint over the 12 months ending with a month: against Wales, the year before and a target, with its members (JSON, CSV or printable HTML).");
        return app;
    }

    public static IEndpointRouteBuilder MapPublicConfidenceSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/public/footprints/{id}/confidence-summary", Public).WithTags("Public").WithName("PublicConfidenceSummary")
            .WithSummary("The monthly confidence summary for a footprint, withholding figures that rest on too few responses.");
        return app;
    }

    private static async Task<Results<Ok<ConfidenceSummaryBody>, ContentHttpResult, ProblemHttpResult>> Partner(string id,
        [AsParameters] ConfidenceSummaryArguments query, HttpContext context)
    {
        var answer = await query.AskAsync(id, context.Request);
        if (answer.Problem is { } problem) return problem;
        var indicators = answer.Indicators.Select(DisclosedIndicator.Partner).ToList();
        return Respond(answer, Body(answer, PartnerAudience, null, null, indicators,
            "Partner audience: figures are not withheld; do not publish without disclosure control."));
    }

    private static async Task<Results<Ok<ConfidenceSummaryBody>, ContentHttpResult, ProblemHttpResult>> Public(string id,
        [AsParameters] ConfidenceSummaryArguments query, HttpContext context, IOptions<IndicatorOptions> options)
    {
        var answer = await query.AskAsync(id, context.Request);
        if (answer.Problem is { } problem) return problem;
        var minimum = options.Value.PublicMinimumBase;
        var indicators = answer.Indicators.Select(f => DisclosedIndicator.Public(f, minimum)).ToList();
        var note = PublicIndicatorRow.Note(minimum) +
            $" A target's status is not given where it would rest on a withheld figure; figures published elsewhere are listed when they rest on {minimum} or more respondents.";
        return Respond(answer, Body(answer, PublicAudience, minimum, note, indicators, note));
    }

    private static ConfidenceSummaryBody Body(ConfidenceSummaryAnswer answer, string audience, int? minimum, string? disclosure,
        IReadOnlyList<DisclosedIndicator> indicators, string audienceNote)
    {
        var (f, range) = (answer.Footprint!, answer.Range);
        List<string> footnotes =
        [
            DisclosedIndicator.MethodNote(range.From, range.To),
            "Members: the footprint's member authorities, each compared with Wales and with its own previous period.",
            "Target: the trajectory runs straight between the baseline and each milestone; the status compares the 12 months' percent with the trajectory on the month's last day ('met' once the final target is reached).",
            "Published: figures others published for the footprint over periods in or overlapping the 12 months, as they published them.",
            audienceNote,
        ];
        return new ConfidenceSummaryBody(f.Id, f.Kind, f.Name, answer.Month.Label, range.From, range.To, answer.Wales!.Id, audience, minimum,
            disclosure, IndicatorDescription.MethodText, indicators, footnotes);
    }

    private static Results<Ok<ConfidenceSummaryBody>, ContentHttpResult, ProblemHttpResult> Respond(ConfidenceSummaryAnswer answer, ConfidenceSummaryBody body) =>
        BulletinFormat.Respond(answer.Output, body, () => ConfidenceSummaryCsv.Write(body), () => ConfidenceSummaryHtml.Write(body));
}
