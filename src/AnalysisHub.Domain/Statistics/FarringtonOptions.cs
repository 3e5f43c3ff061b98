namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The settings of Noufaily et al. (2013) under the names R <c>surveillance::farringtonFlexible</c> gives them;
/// the defaults are the ones statistics.md prescribes.
/// </summary>
public sealed record FarringtonOptions
{
    public static readonly FarringtonOptions Noufaily = new();

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
