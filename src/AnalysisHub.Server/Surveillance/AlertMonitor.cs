using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Live;
using AnalysisHub.Storage;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Surveillance;

/// <summary>
/// Watches every footprint's violence measures as data arrive: on a short period it tests the current week
/// (so far) and the last complete week, and raises each exceedance once — stored durably, then offered to
/// live subscribers as <c>alertRaised</c>.
/// </summary>
// Implementation note: a periodic sweep rather than a test per change: a sweep of every footprint and measure
// is a few hundred in-memory grain reads, and it also catches weeks that become unusual when nothing new
// arrives (there is none yet: counts only grow) — the cost does not grow with the record rate.
internal sealed class AlertMonitor(
    IGrainFactory grains, GeographyRegistry geography, FeedCatalog catalog, SqliteAlertStore store, LiveFeed live,
    TimeProvider clock, IOptions<AlertOptions> options, ILogger<AlertMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Alert sweep failed; retrying at the next one");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Tests the current and the last complete week of every footprint and measure.</summary>
    public async Task SweepAsync(CancellationToken cancel)
    {
        var current = Period.Containing(LondonTime.Today(clock), Granularity.Week);
        var history = FarringtonOptions.Noufaily.B * FarringtonOptions.Noufaily.Frequency + FarringtonOptions.Noufaily.W + 2;
        var range = new DateRange(current.Start.AddDays(-7 * history), current.End);
        foreach (var measure in ViolenceMeasure.All)
        {
            if (catalog.FindFeed(measure.Feed) is not { } feed || feed.FindCategory(measure.Category) is not { } category) continue;
            var request = new SeriesRequest(feed.Index, [.. category.SelfAndDescendants], 0, range.From.DayNumber, range.To.DayNumber, (int)Granularity.Week);
            foreach (var footprint in geography.Footprints)
            {
                cancel.ThrowIfCancellationRequested();
                var series = (await RollupGrains.For(grains, footprint).GetSeries(request).WaitAsync(options.Value.GrainCallTimeout, cancel)).ToResult();
                var weekly = series.Points.Select(p => p.Count).ToList();
                for (var t = Math.Max(0, weekly.Count - 2); t < weekly.Count; t++)
                {
                    if (WeeklyExceedance.Evaluate(weekly, t) is not { Alarm: true } result) continue;
                    var point = series.Points[t];
                    var alert = new Alert(footprint.Id, feed.Id, category.Id, point.Period, point.Start, point.End, result.Method,
                        point.Count, result.Expected, result.Threshold, clock.GetUtcNow());
                    if (!store.TryAdd(alert)) continue;
                    logger.LogInformation("Alert: {Footprint} {Feed}/{Category} week {Week}: {Count} above {Threshold:0.#} ({Method})",
                        alert.Footprint, alert.Feed, alert.Category, alert.Period, alert.Count, alert.Threshold, alert.Method);
                    live.PublishAlert(alert);
                }
            }
        }
    }
}

/// <summary>Settings of automatic alerting (section <c>Alerts</c>).</summary>
public sealed class AlertOptions
{
    /// <summary>How often every footprint and violence measure is tested.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
