using AnalysisHub.Domain.Indicators;

namespace AnalysisHub.Server.Indicators;

/// <summary>The hub's figure for the 12 months ending on the progress date.</summary>
public sealed record LatestFigure(DateOnly From, DateOnly To, double? Percent, double[]? Ci95, long UnweightedBase, double EffectiveBase);

/// <summary>
/// Progress against a target on <see cref="AsOf"/>: the latest 12 months, the trajectory's percent that day, the target
/// (the last milestone's percent) and the status — <c>met</c>, <c>on-track</c> or <c>off-track</c>. The status rests on
/// the hub's own figure (<see cref="StatusBasis"/> <c>hub</c>); with no response in the 12 months, on the latest figure
/// published for the footprint whose period ends within those 12 months (<c>published</c>: an older one says nothing of
/// now); with neither it is null.
/// </summary>
public sealed record IndicatorProgressBody(
    string Indicator, string Footprint, DateOnly AsOf, LatestFigure Latest, double Trajectory, double Target, string? Status,
    string? StatusBasis, TargetBaseline Baseline, IReadOnlyList<TargetMilestone> Milestones, IReadOnlyList<PublishedFigure> Published);
