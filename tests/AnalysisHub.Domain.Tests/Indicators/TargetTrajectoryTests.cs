using AnalysisHub.Domain.Indicators;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Indicators;

// Reference values: reference_values.py beside this file (the trajectory as exact fractions of whole days).
public class TargetTrajectoryTests
{
    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected) + 1e-12, $"expected {expected:R}, got {actual:R}");

    /// <summary>Gwent in confidence.md: 39% in the 12 months to 2008-09-30, 52.0 by 2011-03-31, 57.0 by 2012-03-31.</summary>
    private static readonly TargetTrajectory Gwent = new(
        new TrajectoryPoint(new DateOnly(2008, 9, 30), 39),
        [new TrajectoryPoint(new DateOnly(2011, 3, 31), 52.0), new TrajectoryPoint(new DateOnly(2012, 3, 31), 57.0)]);

    [Theory]
    [InlineData("2008-01-01", 39.0)] // before the baseline's end: the baseline
    [InlineData("2008-09-30", 39.0)]
    [InlineData("2009-09-30", 44.202850877193)] // 39 + 13 × 365/912
    [InlineData("2011-03-31", 52.0)]
    [InlineData("2011-09-30", 54.5)] // 52 + 5 × 183/366
    [InlineData("2012-03-31", 57.0)]
    [InlineData("2013-01-01", 57.0)] // after the target date: the target
    public void Gwents_trajectory_matches_the_reference(string day, double percent) =>
        Close(percent, Gwent.PercentOn(Day(day)));

    [Fact]
    public void Gwents_target_is_its_last_milestone() => Assert.Equal(57.0, Gwent.Target);

    [Theory]
    [InlineData(45.0, "2009-09-30", "on-track")] // Gwent's 45% in the 12 months to September 2009, above 44.20
    [InlineData(44.0, "2009-09-30", "off-track")]
    [InlineData(44.2028, "2009-09-30", "off-track")] // just below the line (44.20285…) is below it
    [InlineData(57.0, "2010-01-01", "met")]
    [InlineData(56.9, "2013-01-01", "off-track")]
    [InlineData(39.0, "2008-06-30", "on-track")]
    public void Status_is_met_at_the_target_else_on_track_at_or_above_the_line(double latest, string day, string slug) =>
        Assert.Equal(slug, Gwent.Status(latest, Day(day)).ToSlug());

    [Fact]
    public void Milestones_out_of_order_or_not_after_the_baseline_are_rejected()
    {
        var baseline = new TrajectoryPoint(Day("2008-09-30"), 39);
        Assert.Throws<ArgumentException>(() => new TargetTrajectory(baseline, []));
        Assert.Throws<ArgumentException>(() => new TargetTrajectory(baseline, [new(Day("2008-09-30"), 50)]));
        Assert.Throws<ArgumentException>(() => new TargetTrajectory(baseline, [new(Day("2012-03-31"), 57), new(Day("2011-03-31"), 52)]));
        Assert.Throws<ArgumentException>(() => new TargetTrajectory(baseline, [new(Day("2012-03-31"), double.NaN)]));
    }

    /// <summary>A baseline and 1–5 milestones 1–900 days apart, percents anywhere in 0–100 (falls included).</summary>
    private static readonly Gen<(TrajectoryPoint Baseline, TrajectoryPoint[] Milestones)> Trajectories =
        Gen.Select(Gen.Int[new DateOnly(2000, 1, 1).DayNumber, new DateOnly(2030, 1, 1).DayNumber], Gen.Int[0, 1000],
                Gen.Select(Gen.Int[1, 900], Gen.Int[0, 1000]).Array[1, 5])
            .Select((start, basePercent, steps) =>
            {
                var day = start;
                var milestones = steps.Select(s => new TrajectoryPoint(DateOnly.FromDayNumber(day += s.Item1), s.Item2 / 10.0)).ToArray();
                return (new TrajectoryPoint(DateOnly.FromDayNumber(start), basePercent / 10.0), milestones);
            });

    /// <summary>The model: find the two points around the day and interpolate in exact decimals of whole days.</summary>
    private static double ModelPercentOn(TrajectoryPoint baseline, TrajectoryPoint[] milestones, DateOnly day)
    {
        TrajectoryPoint[] points = [baseline, .. milestones];
        if (day <= points[0].Date) return points[0].Percent;
        if (day >= points[^1].Date) return points[^1].Percent;
        for (var i = 1; ; i++)
            if (day <= points[i].Date)
            {
                decimal days = points[i].Date.DayNumber - points[i - 1].Date.DayNumber, elapsed = day.DayNumber - points[i - 1].Date.DayNumber;
                return (double)((decimal)points[i - 1].Percent + ((decimal)points[i].Percent - (decimal)points[i - 1].Percent) * elapsed / days);
            }
    }

    private static string Print((TrajectoryPoint Baseline, TrajectoryPoint[] Milestones) t) =>
        string.Join(" → ", new[] { t.Baseline }.Concat(t.Milestones).Select(p => $"{p.Date:yyyy-MM-dd} {p.Percent}"));

    [Fact]
    public void The_trajectory_is_the_piecewise_linear_model_on_every_day()
    {
        Gen.Select(Trajectories, Gen.Int[-100, 5000]).Sample((t, offset) =>
        {
            var day = t.Baseline.Date.AddDays(offset);
            var trajectory = new TargetTrajectory(t.Baseline, t.Milestones);
            return Math.Abs(trajectory.PercentOn(day) - ModelPercentOn(t.Baseline, t.Milestones, day)) <= 1e-9;
        }, print: t => $"{Print(t.Item1)} on +{t.Item2}");
    }

    [Fact]
    public void The_trajectory_passes_through_every_milestone_and_is_flat_beyond_the_ends()
    {
        Trajectories.Sample(t =>
        {
            var trajectory = new TargetTrajectory(t.Baseline, t.Milestones);
            return t.Milestones.All(m => trajectory.PercentOn(m.Date) == m.Percent)
                && trajectory.PercentOn(t.Baseline.Date) == t.Baseline.Percent
                && trajectory.PercentOn(t.Baseline.Date.AddDays(-400)) == t.Baseline.Percent
                && trajectory.PercentOn(t.Milestones[^1].Date.AddDays(400)) == t.Milestones[^1].Percent
                && trajectory.Target == t.Milestones[^1].Percent;
        }, print: Print);
    }

    [Fact]
    public void The_trajectory_is_continuous_moving_each_day_by_at_most_its_steepest_segments_slope()
    {
        Trajectories.Sample(t =>
        {
            var trajectory = new TargetTrajectory(t.Baseline, t.Milestones);
            TrajectoryPoint[] points = [t.Baseline, .. t.Milestones];
            var steepest = points.Zip(points.Skip(1), (a, b) => Math.Abs(b.Percent - a.Percent) / (b.Date.DayNumber - a.Date.DayNumber)).Max();
            for (var day = t.Baseline.Date.AddDays(-2); day <= t.Milestones[^1].Date.AddDays(2); day = day.AddDays(1))
                if (Math.Abs(trajectory.PercentOn(day.AddDays(1)) - trajectory.PercentOn(day)) > steepest + 1e-9) return false;
            return true;
        }, iter: 40, print: Print);
    }

    [Fact]
    public void Status_follows_the_target_then_the_model_line()
    {
        Gen.Select(Trajectories, Gen.Int[-100, 5000], Gen.Int[0, 1000]).Sample((t, offset, latestTenths) =>
        {
            var day = t.Baseline.Date.AddDays(offset);
            var latest = latestTenths / 10.0;
            var expected = latest >= t.Milestones[^1].Percent ? TargetStatus.Met
                : latest >= ModelPercentOn(t.Baseline, t.Milestones, day) ? TargetStatus.OnTrack
                : TargetStatus.OffTrack;
            var line = ModelPercentOn(t.Baseline, t.Milestones, day);
            // Exactly on an interpolated line a rounding may fall either side; elsewhere the status must agree.
            return Math.Abs(latest - line) < 1e-9 || new TargetTrajectory(t.Baseline, t.Milestones).Status(latest, day) == expected;
        }, print: t => $"{Print(t.Item1)} on +{t.Item2} at {t.Item3 / 10.0}");
    }
}
