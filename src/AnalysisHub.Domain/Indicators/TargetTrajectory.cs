namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// The path a force agreed to follow from its baseline to its target: straight lines, in days, from the baseline
/// (dated at the last day of its 12 months) through each milestone in turn. Before the baseline the path is the
/// baseline percent and after the last milestone it is that milestone's, which is the target. Confidence targets
/// are rises, so "met" and "on track" mean at or above.
/// </summary>
public sealed class TargetTrajectory
{
    private readonly TrajectoryPoint[] _points;

    /// <param name="baseline">the baseline percent, dated at the last day of its period.</param>
    /// <param name="milestones">at least one, in strictly increasing date order, all after the baseline; the last
    /// is the target.</param>
    public TargetTrajectory(TrajectoryPoint baseline, IReadOnlyList<TrajectoryPoint> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        if (milestones.Count == 0) throw new ArgumentException("A trajectory needs at least one milestone (the target).", nameof(milestones));
        _points = [baseline, .. milestones];
        for (var i = 0; i < _points.Length; i++)
        {
            if (!double.IsFinite(_points[i].Percent))
                throw new ArgumentException($"The percent on {_points[i].Date:yyyy-MM-dd} is not a number.", nameof(milestones));
            if (i > 0 && _points[i].Date <= _points[i - 1].Date)
                throw new ArgumentException("Milestones must be after the baseline and in strictly increasing date order.", nameof(milestones));
        }
    }

    public TrajectoryPoint Baseline => _points[0];

    public IReadOnlyList<TrajectoryPoint> Milestones => _points[1..];

    /// <summary>The last milestone's percent.</summary>
    public double Target => _points[^1].Percent;

    public DateOnly TargetDate => _points[^1].Date;

    /// <summary>The percent the trajectory asks for on <paramref name="day"/>.</summary>
    public double PercentOn(DateOnly day)
    {
        if (day <= _points[0].Date) return _points[0].Percent;
        if (day >= _points[^1].Date) return _points[^1].Percent;
        var i = 1;
        while (_points[i].Date < day) i++;
        TrajectoryPoint from = _points[i - 1], to = _points[i];
        // Interpolated from the segment's start, so that at its end (day == to.Date) it is exactly to.Percent
        // whenever the fraction is 1.
        var fraction = (double)(day.DayNumber - from.Date.DayNumber) / (to.Date.DayNumber - from.Date.DayNumber);
        return fraction == 1 ? to.Percent : from.Percent + (to.Percent - from.Percent) * fraction;
    }

    /// <summary>Met when <paramref name="latestPercent"/> reaches the target; otherwise on track when it reaches the
    /// trajectory on <paramref name="day"/> (the latest figure's date, the end of its 12 months), else off track.</summary>
    public TargetStatus Status(double latestPercent, DateOnly day)
    {
        if (latestPercent >= Target) return TargetStatus.Met;
        return latestPercent >= PercentOn(day) ? TargetStatus.OnTrack : TargetStatus.OffTrack;
    }
}
