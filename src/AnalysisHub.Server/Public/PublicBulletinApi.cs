using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Bulletin;
using AnalysisHub.Server.Hosting;
using AnalysisHub.Server.Indicators;
using AnalysisHub.Server.Profile;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Public;

/// <summary>
/// The weekly or monthly bulletin for a public audience, in JSON, CSV or HTML like the partner bulletin, with every figure under
/// disclosure control: each count of 1–4 (the week's, the same week last year's, Wales's, the month-precision
/// records', the profile's hours) shown as <c>"&lt;5"</c> with rates withheld; the four-week mean as a bound when the
/// four weeks hold 1–4 (<see cref="PublicMean"/>); exceedance figures withheld when computed from a count of 1–4
/// (<see cref="PublicExceedance"/>); the profile's total withheld beside a withheld hour (<see cref="PublicBreakdown"/>);
/// members listed only when the footprint's count minus them gives nothing away (<see cref="PublicRanking"/>).
/// </summary>
internal static class PublicBulletinApi
{
    public const string Audience = "public audience (disclosure control applied)";

    public static async Task<Results<Ok<DisclosedBulletin>, ContentHttpResult, ProblemHttpResult>> Answer(string id, [AsParameters] BulletinArguments query,
        HttpContext context, IOptions<IndicatorOptions> indicatorOptions)
    {
        var answer = await query.AskAsync(id, context.Request, asWasAllowed: false);
        if (answer.Problem is { } problem) return problem;
        var measures = answer.Each(Measure);
        // The footnote on month-precision records names their counts as published ("<5" for 1–4).
        var excluded = measures.Select(m => $"{m.Feed}/{m.Category}: {m.ExcludedMonthPrecision}");
        var (f, period, source) = (answer.Footprint!, answer.Period, query.Geography.PopulationSource);
        var minimum = indicatorOptions.Value.PublicMinimumBase;
        var confidence = answer.Confidence.Select(c => BulletinConfidence.Of(DisclosedIndicator.Public(c, minimum))).ToList();
        var notes = BulletinFootnotes.For(source, period, excluded, PublicNotes.Bulletin, confidence, PublicIndicatorRow.Note(minimum));
        var bulletin = new DisclosedBulletin(f.Id, f.Kind, f.Name, BulletinFootnotes.WeekOf(period), period.Start, period.End, answer.Wales!.Id,
            f.Population, source, ProfileApi.TimeZone, Audience, PublicNotes.Bulletin, measures, notes, period.Granularity.ToSlug(), period.Label,
            confidence);
        return answer.Respond(bulletin, bulletin);
    }

    private static DisclosedBulletinMeasure Measure(BulletinFigures f, Footprint footprint, long population, Footprint wales)
    {
        var rate = DisclosureControl.Disclose(CrudeRate.Calculate(f.Count, population));
        var walesRate = DisclosureControl.Disclose(CrudeRate.Calculate(f.WalesCount, wales.Population));
        // Compared with a withheld rate, "higher" or "lower" would bound it.
        var comparison = footprint.Id == wales.Id ? null
            : rate.Count.Suppressed || walesRate.Count.Suppressed ? BenchmarkOutcome.NotCompared.ToSlug()
            : BenchmarkComparison.Compare(rate.Ci95!.Value, walesRate.Rate!.Value).ToSlug();
        var previous = f.Previous;
        var mean = PublicMean.Of(previous.Sum(), Math.Max(1, previous.Count));
        var meanShown = mean.Value is { } m ? m : (object)mean.Display!;
        var lastYear = DisclosureControl.Disclose(f.SamePeriodLastYearCount);
        var weekly = f.Granularity == Granularity.Week;
        var excluded = DisclosureControl.Disclose(f.ExcludedMonthPrecision);
        var listed = PublicRanking.Listed(f.Count, f.Members.Select(m => m.Count).ToList(), BulletinApi.TopMembers);
        return new DisclosedBulletinMeasure(f.Measure.Feed, f.Measure.Category, Published.Count(rate.Count), rate.Count.Suppressed,
            weekly ? meanShown : null, weekly && mean.Suppressed, weekly ? f.SamePeriodLastYear.Label : null,
            weekly ? Published.Count(lastYear) : null, weekly && lastYear.Suppressed,
            rate.Rate, Published.Pair(rate.Ci95), rate.Unreliable, Published.Count(walesRate.Count), walesRate.Count.Suppressed, walesRate.Rate,
            comparison, Exceedance(f, f.EarsC2(), PublicExceedance.EarsInputs(EarsMethod.C2, f.Counts.Count - 1)),
            Exceedance(f, f.Farrington(), PublicExceedance.FarringtonInputs(f.Counts.Count - 1, f.FarringtonOptions)),
            Published.Count(excluded), excluded.Suppressed, Published.Profile(f.ProfileFrom, f.ProfileTo, f.Slots),
            listed?.Select((p, rank) => BulletinMember.For(rank + 1, f.Members[p].Member, f.Members[p].Count)).ToList() ?? [], listed is null,
            meanShown, mean.Suppressed, f.PreviousPeriods, f.SamePeriodLastYear.Label, Published.Count(lastYear), lastYear.Suppressed);
    }

    // The week is the last count the methods read; its figures are shown only when none of their inputs is 1–4. A week
    // that could not be tested has no figures to withhold.
    private static DisclosedExceedance Exceedance(BulletinFigures f, BulletinExceedance figures, IEnumerable<int> inputs) =>
        figures == BulletinExceedance.Untested || PublicExceedance.MayShow(f.Counts, inputs)
            ? DisclosedExceedance.Shown(figures) : DisclosedExceedance.WithheldFigures;
}
