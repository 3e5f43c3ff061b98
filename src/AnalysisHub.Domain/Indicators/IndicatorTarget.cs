namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// What a footprint agreed to reach on an indicator: where it started (<see cref="Baseline"/>) and the percents it
/// meant to reach by given dates, in date order (the last one is the target itself, the earlier ones milestones).
/// </summary>
public sealed record IndicatorTarget(string Indicator, string Footprint, TargetBaseline Baseline, IReadOnlyList<TargetMilestone> Milestones)
{
    // Records compare lists by reference; two targets read from the same figures are the same target.
    public bool Equals(IndicatorTarget? other) =>
        other is not null && Indicator == other.Indicator && Footprint == other.Footprint && Baseline == other.Baseline
        && Milestones.SequenceEqual(other.Milestones);

    public override int GetHashCode() => HashCode.Combine(Indicator, Footprint, Baseline, Milestones.Count);
}
