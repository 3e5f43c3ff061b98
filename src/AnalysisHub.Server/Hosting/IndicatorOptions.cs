namespace AnalysisHub.Server.Hosting;

/// <summary>Survey indicators' disclosure control (section <c>Indicators</c>).</summary>
public sealed class IndicatorOptions
{
    public const string Section = "Indicators";

    /// <summary>
    /// Public outputs withhold a figure resting on fewer responses than this (default 50): a percent from a handful of
    /// respondents in a small area says too much about them and too little about the area.
    /// </summary>
    public int PublicMinimumBase { get; set; } = 50;
}
