using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Series;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Public;

/// <summary>
/// The series for a public audience: the partner series' parameters and shape, with each period's count of 1–4
/// shown as <c>"&lt;5"</c> and its rate withheld, and the total withheld (null) whenever a period's count is
/// (<see cref="PublicBreakdown"/>): a shown total beside its periods would give a lone withheld count by subtraction.
/// </summary>
internal static class PublicSeriesApi
{
    public static async Task<Results<Ok<PublicSeriesBody>, ProblemHttpResult>> Answer(string id, [AsParameters] SeriesArguments query)
    {
        var answer = await query.AskAsync(id, asWasAllowed: false);
        if (answer.Problem is { } problem) return problem;
        var (footprint, result) = (answer.Footprint!, answer.Result!);
        var breakdown = PublicBreakdown.Of(result.Points.Select(p => p.Count).ToList());
        var points = result.Points.Select((p, i) =>
        {
            var rate = DisclosureControl.Disclose(CrudeRate.Calculate(p.Count, footprint.Population), breakdown.Parts[i].Suppressed);
            return new PublicSeriesPoint(p.Period, p.Start, p.End, Published.Count(rate.Count), rate.Count.Suppressed, rate.Rate,
                Published.Pair(rate.Ci95), rate.Unreliable);
        }).ToList();
        var excluded = DisclosureControl.Disclose(result.ExcludedMonthPrecision);
        return TypedResults.Ok(new PublicSeriesBody(
            footprint.Id, query.Feed!, query.Category, query.Flag ?? [], answer.Query!.Granularity.ToSlug(), answer.Query.Range.From,
            answer.Query.Range.To, footprint.Population, query.Geography.PopulationSource, breakdown.Total, breakdown.TotalWithheld,
            Published.Count(excluded), excluded.Suppressed, PublicNotes.Series, points));
    }
}

/// <summary>The public series: the partner shape, with <c>total</c> null when <c>totalWithheld</c>, and a note on disclosure control.</summary>
public sealed record PublicSeriesBody(
    string Footprint, string Feed, string? Category, IReadOnlyList<string> Flags, string Granularity, DateOnly From, DateOnly To,
    long Population, string PopulationSource, long? Total, bool TotalWithheld, object ExcludedMonthPrecision,
    bool ExcludedMonthPrecisionSuppressed, string DisclosureControl, IReadOnlyList<PublicSeriesPoint> Points);

/// <summary>A period as published: <c>count</c> is a number or <c>"&lt;5"</c> (then <c>suppressed</c>, and no rate or interval).</summary>
public sealed record PublicSeriesPoint(string Period, DateOnly Start, DateOnly End, object Count, bool Suppressed, double? RatePer100k,
    double[]? Ci95, bool Unreliable);
