using System.Globalization;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Indicators;

namespace AnalysisHub.Server.Bulletin;

/// <summary>The bulletin's notes on its methods and the data's completeness, ending with what its audience may do with it.</summary>
internal static class BulletinFootnotes
{
    /// <summary>The bulletin's <c>week</c>: the ISO week's label, or null for a monthly bulletin.</summary>
    public static string? WeekOf(Period period) => period.Granularity == Granularity.Week ? period.Label : null;

    /// <param name="period">the bulletin's ISO week or calendar month.</param>
    /// <param name="excluded">for each measure, "feed/category: n" — the month-precision records of the period's months left
    /// out of its counts (none for a month).</param>
    /// <param name="audience">the last note: who the bulletin is for and what was withheld.</param>
    /// <param name="confidence">the survey indicators shown, whose method note comes before the audience's.</param>
    /// <param name="confidenceDisclosure">for a public bulletin, how indicator figures were withheld.</param>
    public static List<string> For(string populationSource, Period period, IEnumerable<string> excluded, string audience,
        IReadOnlyList<BulletinConfidence> confidence, string? confidenceDisclosure = null)
    {
        var notes = Measures(populationSource, period, excluded, audience);
        var surveyNotes = new List<string>();
        if (confidence.Count > 0) surveyNotes.Add(DisclosedIndicator.MethodNote(confidence[0].From, confidence[0].To));
        if (confidenceDisclosure is not null) surveyNotes.Add(confidenceDisclosure);
        notes.InsertRange(notes.Count - 1, surveyNotes);
        return notes;
    }

    private static List<string> Measures(string populationSource, Period period, IEnumerable<string> excluded, string audience) =>
        period.Granularity == Granularity.Month ? Monthly(populationSource, period, audience) :
    [
        "Rates are per 100,000 residents for the week (not annualised); 95% confidence intervals by Byar's method for counts of 10 or more, exact Poisson below.",
        $"Comparison with Wales ({BulletinArguments.Benchmark}) for the same week: the footprint's 95% interval wholly above Wales's rate is 'higher', wholly below is 'lower', otherwise 'similar'.",
        $"Exceedance: CDC EARS C2 on weekly counts (baseline of {Ears.BaselineLength} weeks after a 2-week guard band; alarm when the statistic exceeds {Ears.StatisticThreshold.ToString(CultureInfo.InvariantCulture)}; minSigma {Ears.DefaultMinSigma.ToString(CultureInfo.InvariantCulture)}).",
        Farrington(FarringtonOptions.Noufaily, "week"),
        $"Same week last year: the ISO week containing the date 364 days earlier. The previous four weeks' mean is over the four ISO weeks before {period.Label}.",
        $"Population: {populationSource}.",
        "Days and hours are Europe/London local days and hours; weeks are ISO weeks (Monday to Sunday).",
        $"Data completeness: records known only to their month (data.police.uk months have no day) are not in weekly counts; over the month(s) of {period.Label} — {string.Join("; ", excluded)}. The monthly bulletin (month=) counts them.",
        audience,
    ];

    private static List<string> Monthly(string populationSource, Period month, string audience) =>
    [
        "Rates are per 100,000 residents for the month (not annualised); 95% confidence intervals by Byar's method for counts of 10 or more, exact Poisson below.",
        $"Comparison with Wales ({BulletinArguments.Benchmark}) for the same month: the footprint's 95% interval wholly above Wales's rate is 'higher', wholly below is 'lower', otherwise 'similar'.",
        $"Exceedance: CDC EARS C2 on monthly counts (baseline of {Ears.BaselineLength} months after a 2-month guard band; alarm when the statistic exceeds {Ears.StatisticThreshold.ToString(CultureInfo.InvariantCulture)}; minSigma {Ears.DefaultMinSigma.ToString(CultureInfo.InvariantCulture)}).",
        Farrington(FarringtonOptions.NoufailyMonthly, "month") + string.Create(CultureInfo.InvariantCulture,
            $" On months: {FarringtonOptions.NoufailyMonthly.Frequency} periods a year, w = ±1 month for ±3 weeks and pastWeeksNotIncluded = 6 months for 26 weeks."),
        $"Same month last year: the same calendar month a year earlier. The previous three months' mean is over the {BulletinFigures.PreviousMonths} calendar months before {month.Label}.",
        $"Population: {populationSource}.",
        "Days and hours are Europe/London local days and hours; months are calendar months.",
        $"Data completeness: every record of {month.Label} is counted, including records known only to their month (data.police.uk months have no day; they are counted in their month, as on its first day). Those have no time of day, so the day-of-week × hour profile leaves them out.",
        audience,
    ];

    private static string Farrington(FarringtonOptions o, string period) => string.Create(CultureInfo.InvariantCulture,
        $"Farrington-flexible (Noufaily et al. 2013) settings: b = {o.B}, w = {o.W}, noPeriods = {o.NoPeriods}, pastWeeksNotIncluded = {o.PastWeeksNotIncluded}, weightsThreshold = {o.WeightsThreshold}, thresholdMethod = nbPlugin, alpha = {o.Alpha}, limit54 = ({o.Limit54Cases}, {o.Limit54Periods}). History begins at the footprint's first record for the measure, however long before the {period}; a {period} that cannot be tested shows no expected value, threshold or alarm.");
}
