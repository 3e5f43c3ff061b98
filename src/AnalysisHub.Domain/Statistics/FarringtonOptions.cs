namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The settings of Noufaily et al. (2013) under the names R <c>surveillance::farringtonFlexible</c> gives them;
/// the defaults are the ones statistics.md prescribes.
/// </summary>
public sealed record FarringtonOptions
{
    public static readonly FarringtonOptions Noufaily = new();

    /// <summary>
    /// The Noufaily settings for a monthly series. statistics.md gives them for weeks only; these keep what each
    /// setting means in calendar time, as an analyst reading the weekly settings would expect of a monthly run:
    /// b = 5 years and α, limit54 and the reweighting as they are; w = 1 (±1 month, the nearest whole-month
    /// equivalent of ±3 weeks); pastWeeksNotIncluded = 6 (26 weeks is half a year); noPeriods = 10, so the 9
    /// months outside each 3-month window are one seasonal level each (12 = 3 + 9: every month of the year has
    /// its own level, the finest seasonal model a monthly series allows); 12 periods a year.
    /// </summary>
    public static readonly FarringtonOptions NoufailyMonthly = new() { W = 1, PastWeeksNotIncluded = 6, Frequency = 12 };

    /// <summary>The settings for a weekly (<see cref="Noufaily"/>) or monthly (<see cref="NoufailyMonthly"/>) series;
    /// null for a granularity Farrington-flexible is not run on.</summary>
    public static FarringtonOptions? For(Time.Granularity granularity) => granularity switch
    {
        Time.Granularity.Week => Noufaily,
        Time.Granularity.Month => NoufailyMonthly,
        _ => null,
    };

    /// <summary>Years of reference data.</summary>
    public int B { get; init; } = 5;

    /// <summary>Half-width of the window around each reference period.</summary>
    public int W { get; init; } = 3;

    /// <summary>Levels of the seasonal factor (the windows plus the blocks between them).</summary>
    public int NoPeriods { get; init; } = 10;

    /// <summary>Most recent periods left out of the fit so an emerging outbreak does not raise its own baseline.</summary>
    public int PastWeeksNotIncluded { get; init; } = 26;

    /// <summary>Anscombe residuals above this are down-weighted as past outbreaks.</summary>
    public double WeightsThreshold { get; init; } = 2.58;

    /// <summary>One-sided level of the negative-binomial plug-in threshold.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Significance level for keeping the trend.</summary>
    public double PThresholdTrend { get; init; } = 0.05;

    /// <summary>limit54: no alarm when fewer than <see cref="Limit54Cases"/> cases in the last
    /// <see cref="Limit54Periods"/> periods (the current one included).</summary>
    public int Limit54Cases { get; init; } = 5;

    public int Limit54Periods { get; init; } = 4;

    /// <summary>Periods per year; 52 for weekly series.</summary>
    public int Frequency { get; init; } = 52;
}
