namespace AnalysisHub.Domain.Indicators;

/// <summary>The percent a target means to reach by <see cref="Date"/>.</summary>
public sealed record TargetMilestone(DateOnly Date, double Percent);
