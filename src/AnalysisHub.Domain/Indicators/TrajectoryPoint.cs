namespace AnalysisHub.Domain.Indicators;

/// <summary>A percent the trajectory passes through on a day: the baseline at its period's last day, or a milestone.</summary>
public readonly record struct TrajectoryPoint(DateOnly Date, double Percent);
