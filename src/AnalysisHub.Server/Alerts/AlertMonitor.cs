using AnalysisHub.Domain.Rollups;
using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using AnalysisHub.Server.Live;
using AnalysisHub.Server.Shared;
using AnalysisHub.Storage;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Alerts;

/// <summary>
/// Watches every footprint's violence measures as data arrive: on a short period it tests the current week
/// (so far) and the last complete week, and raises each exceedance once — stored durably, then offered to
/// live subscribers as <c>alertRaised</c>. A standing alert of those weeks that no longer alarms (corrections
/// or cancellations took the count back under the threshold) is withdrawn — kept with when and why, offered
/// as <c>alertWithdrawn</c> — and raised again, as the same alert, if its week alarms once more.
/// </summary>
// Implementation note (cluster): every node sweeps, and the store's key decides which node raises an alert.
// Each node then relays to its own subscribers every alert stored since its last look, whichever node raised
// it, so a dashboard sees each alert once whatever node it is connected to.
// Implementation note: a periodic sweep rather than a test per change: a sweep of every footprint and measure
// is a few hundred in-memory grain reads, and it also catches weeks that become unusual when nothing new
// arrives — the cost does not grow with the record rate. Weeks before the last complete one are not tested
// again, so their alerts stand as raised.
internal sealed class AlertMonitor(
    IGrainFactory grains, GeographyRegistry geography, FeedCatalog catalog, IAlertStore store, LiveUpdates live,
    TimeProvider clock, IOptions<AlertOptions> options, IOptions<HubOptions> hub, ILogger<AlertMonitor> logger) : BackgroundService
{
    // Numbers come from a sequence and may commit out of order across nodes: look back a little and remember
    // what was relayed, so an alert committed late behind a higher number is still relayed, and only once.
    private const int RelayOverlap = 64;
    private long _relayedThrough = -1;
    private readonly HashSet<long> _relayed = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                if (_relayedThrough < 0) MarkHistoryRelayed();
                await SweepAsync(stoppingToken);
                Relay();
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
        var lastComplete = Period.Containing(current.Start.AddDays(-1), Granularity.Week);
        var history = FarringtonOptions.Noufaily.B * FarringtonOptions.Noufaily.Frequency + FarringtonOptions.Noufaily.W + 2;
        var range = new DateRange(current.Start.AddDays(-7 * history), current.End);
        // Read before the tests: an alert another node raises during this sweep is tested at the next one.
        var standing = store.Standing([current.Label, lastComplete.Label]).ToLookup(a => (a.Footprint, a.Feed, a.Category, a.Period));
        foreach (var measure in ViolenceMeasure.All)
        {
            if (catalog.FindFeed(measure.Feed) is not { } feed || feed.FindCategory(measure.Category) is not { } category) continue;
            var request = new SeriesQuery(feed.Index, category.SelfAndDescendants, 0, range, Granularity.Week);
            foreach (var footprint in geography.Footprints)
            {
                cancel.ThrowIfCancellationRequested();
                var rollup = RollupGrains.For(grains, footprint);
                var series = await rollup.GetSeries(request).WaitAsync(hub.Value.GrainCallTimeout, cancel);
                var weekly = series.Points.Select(p => p.Count).ToList();
                // A window with no data cannot alarm, so there is no need to look before it (a standing alert of one of
                // its weeks is withdrawn all the same: its count is gone).
                var dataStart = weekly.TrueForAll(c => c == 0) ? weekly.Count
                    : await RecordedHistory.DataStartAsync(rollup, request, weekly, hub.Value.GrainCallTimeout);
                for (var t = Math.Max(0, weekly.Count - 2); t < weekly.Count; t++)
                {
                    var point = series.Points[t];
                    var result = WeeklyExceedance.Evaluate(weekly, t, dataStart);
                    foreach (var alert in standing[(footprint.Id, feed.Id, category.Id, point.Period)])
                        if (AlertWithdrawal.Reason(alert, point.Count, result) is { } reason)
                            Withdraw(alert, reason);
                    if (result is not { Alarm: true }) continue;
                    Raise(new Alert(footprint.Id, feed.Id, category.Id, point.Period, point.Start, point.End, result.Method,
                        point.Count, result.Expected, result.Threshold, clock.GetUtcNow()));
                }
            }
        }
    }

    private void Raise(Alert alert)
    {
        if (!store.TryAdd(alert)) return;
        logger.LogInformation("Alert: {Footprint} {Feed}/{Category} week {Week}: {Count} above {Threshold:0.#} ({Method})",
            alert.Footprint, alert.Feed, alert.Category, alert.Period, alert.Count, alert.Threshold, alert.Method);
    }

    private void Withdraw(Alert alert, string reason)
    {
        // False when another node withdrew it first: recorded once, relayed by every node from the store.
        if (!store.TryWithdraw(alert, clock.GetUtcNow(), reason)) return;
        logger.LogInformation("Alert withdrawn: {Footprint} {Feed}/{Category} week {Week} ({Method}): {Reason}",
            alert.Footprint, alert.Feed, alert.Category, alert.Period, alert.Method, reason);
    }

    /// <summary>Changes made before this node started are history, not news.</summary>
    private void MarkHistoryRelayed()
    {
        var last = store.LastNumber();
        foreach (var (number, _) in store.After(Math.Max(0, last - RelayOverlap))) _relayed.Add(number);
        _relayedThrough = last;
    }

    /// <summary>Offers this node's live subscribers every change stored since the last relay, raised or withdrawn.</summary>
    private void Relay()
    {
        foreach (var (number, alert) in store.After(Math.Max(0, _relayedThrough - RelayOverlap)))
        {
            if (!_relayed.Add(number)) continue;
            if (alert.WithdrawnAt is null) live.PublishAlert(alert);
            else live.PublishAlertWithdrawn(alert);
            _relayedThrough = Math.Max(_relayedThrough, number);
        }
        _relayed.RemoveWhere(n => n <= _relayedThrough - RelayOverlap);
    }
}

/// <summary>Settings of automatic alerting (section <c>Alerts</c>).</summary>
public sealed class AlertOptions
{
    /// <summary>How often every footprint and violence measure is tested.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);
}
