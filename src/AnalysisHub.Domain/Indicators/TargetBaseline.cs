namespace AnalysisHub.Domain.Indicators;

/// <summary>The percent a target starts from, measured over the survey period <see cref="From"/>–<see cref="To"/> (inclusive days).</summary>
public sealed record TargetBaseline(DateOnly From, DateOnly To, double Percent);
