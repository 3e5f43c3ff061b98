using System.Globalization;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;

namespace AnalysisHub.Server.Bulletin;

/// <summary>The bulletin's notes on its methods and the data's completeness, ending with what its audience may do with it.</summary>
internal static class BulletinFootnotes
{
    /// <param name="excluded">for each measure, "feed/category: n" — the month-precision records of the week's months.</param>
    /// <param name="audience">the last note: who the bulletin is for and what was withheld.</param>
    public static List<string> For(string populationSource, Period week, IEnumerable<string> excluded, string audience) =>
    [
        "Rates are per 100,000 residents for the week (not annualised); 95% confidence intervals by Byar's method for counts of 10 or more, exact Poisson below.",
        $"Comparison with Wales ({BulletinArguments.Benchmark}) for the same week: the footprint's 95% interval wholly above Wales's rate is 'higher', wholly below is 'lower', otherwise 'similar'.",
        $"Exceedance: CDC EARS C2 on weekly counts (baseline of {Ears.BaselineLength} weeks after a 2-week guard band; alarm when the statistic exceeds {Ears.StatisticThreshold.ToString(CultureInfo.InvariantCulture)}; minSigma {Ears.DefaultMinSigma.ToString(CultureInfo.InvariantCulture)}).",
        Farrington(FarringtonOptions.Noufaily),
        $"Same week last year: the ISO week containing the date 364 days earlier. The previous four weeks' mean is over the four ISO weeks before {week.Label}.",
        $"Population: {populationSource}.",
        "Days and hours are Europe/London local days and hours; weeks are ISO weeks (Monday to Sunday).",
        $"Data completeness: records known only to their month (data.police.uk months have no day) are not in weekly counts; over the month(s) of {week.Label} — {string.Join("; ", excluded)}.",
        audience,
    ];

    private static string Farrington(FarringtonOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"Farrington-flexible (Noufaily et al. 2013) settings: b = {o.B}, w = {o.W}, noPeriods = {o.NoPeriods}, pastWeeksNotIncluded = {o.PastWeeksNotIncluded}, weightsThreshold = {o.WeightsThreshold}, thresholdMethod = nbPlugin, alpha = {o.Alpha}, limit54 = ({o.Limit54Cases}, {o.Limit54Periods}). History begins at the footprint's first record for the measure, however long before the week; a week that cannot be tested shows no expected value, threshold or alarm.");
}
