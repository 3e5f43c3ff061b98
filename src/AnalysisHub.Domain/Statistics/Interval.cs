namespace AnalysisHub.Domain.Statistics;

/// <summary>A confidence interval; the bounds are on the scale of the estimate they belong to.</summary>
public readonly record struct Interval(double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
