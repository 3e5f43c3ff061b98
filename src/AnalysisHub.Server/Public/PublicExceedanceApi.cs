using AnalysisHub.Domain.Statistics;
using AnalysisHub.Server.Exceedance;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Public;

/// <summary>
/// Exceedance for a public audience: the partner endpoint's parameters and shape, with counts of 1–4 shown as
/// <c>"&lt;5"</c>, and a period's expected value, threshold, statistic and alarm withheld when any count they are
/// computed from is 1–4 (<see cref="PublicExceedance"/>).
/// </summary>
internal static class PublicExceedanceApi
{
    public static async Task<Results<Ok<PublicExceedanceBody>, ProblemHttpResult>> Answer(string id, [AsParameters] ExceedanceArguments query)
    {
        var run = await query.RunAsync(id, asWasAllowed: false);
        if (run.Problem is { } problem) return problem;
        var body = run.Body!;
        var points = body.Points.Select((p, j) =>
        {
            var count = DisclosureControl.Disclose(p.Count);
            // The answer's j-th period is the run's FirstIndex + j-th count (negative: before any data). An untested
            // period has no figures to withhold.
            var untested = p.Expected is null && p.Alarm is null;
            return untested || PublicExceedance.MayShow(run.Counts, run.Inputs(run.FirstIndex + j))
                ? new PublicExceedancePoint(p.Period, p.Start, p.End, Published.Count(count), count.Suppressed, p.Expected, p.Threshold, p.Statistic, p.Alarm, false)
                : new PublicExceedancePoint(p.Period, p.Start, p.End, Published.Count(count), count.Suppressed, null, null, null, null, true);
        }).ToList();
        return TypedResults.Ok(new PublicExceedanceBody(body.Footprint, body.Feed, body.Category, body.Flags, body.Granularity, body.Method,
            body.Parameters, body.From, body.To, PublicNotes.Exceedance, points));
    }
}

/// <summary>The public exceedance answer: the partner shape with a note on disclosure control.</summary>
public sealed record PublicExceedanceBody(string Footprint, string Feed, string? Category, IReadOnlyList<string> Flags, string Granularity,
    string Method, IReadOnlyDictionary<string, object> Parameters, DateOnly From, DateOnly To, string DisclosureControl,
    IReadOnlyList<PublicExceedancePoint> Points);

/// <summary>
/// One period as published: <c>count</c> is a number or <c>"&lt;5"</c> (then <c>suppressed</c>); <c>withheld</c> says the
/// method's figures are held back (their nulls then do not mean "untested").
/// </summary>
public sealed record PublicExceedancePoint(string Period, DateOnly Start, DateOnly End, object Count, bool Suppressed, double? Expected,
    double? Threshold, double? Statistic, bool? Alarm, bool Withheld);
