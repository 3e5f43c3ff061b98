using AnalysisHub.Domain.Indicators;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// Where a footprint stands against its target on a day: the trajectory's percent that day, the target (the last
/// milestone's percent) and the status — <c>met</c>, <c>on-track</c> or <c>off-track</c>. The status rests on the hub's own
/// figure (<see cref="StatusBasis"/> <c>hub</c>); without one, on the latest figure published for the footprint whose period
/// ends within the 12 months ending on the day (<c>published</c>: an older one says nothing of now); with neither it is null.
/// </summary>
public sealed record IndicatorStanding(double Trajectory, double Target, string? Status, string? StatusBasis)
{
    public const string HubBasis = "hub";

    internal static IndicatorStanding Of(IndicatorTarget target, double? hubPercent, IReadOnlyList<PublishedFigure> published, DateOnly day)
    {
        var trajectory = IndicatorApi.TargetTrajectoryOf(target);
        (double? Percent, string? Basis) standing = hubPercent is { } own
            ? (own, HubBasis)
            : published.Where(p => IndicatorPeriods.TwelveMonthsEnding(day).Contains(p.To)).MaxBy(p => p.To) is { } latestPublished ? (latestPublished.Percent, "published") : (null, null);
        var status = standing.Percent is { } p ? trajectory.Status(p, day).ToSlug() : null;
        return new(trajectory.PercentOn(day), trajectory.Target, status, standing.Basis);
    }

    /// <summary>The standing for the public: a status resting on the hub's withheld figure would bound it, so it is not given.</summary>
    internal IndicatorStanding Disclosed(bool figureWithheld) =>
        figureWithheld && StatusBasis == HubBasis ? this with { Status = null, StatusBasis = null } : this;
}
