using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
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
/// (so far) and the last complete week, and — where the measure holds month-precision records (data.police.uk crime
/// months have no day, so no week holds them) — the last complete month; it raises each exceedance once, stored
/// durably, then offered to live subscribers as <c>alertRaised</c>, the alert's <c>granularity</c> saying whether it
/// is a weekly or a monthly one. A standing alert of those periods that no longer alarms (corrections or
/// cancellations took the count back under the threshold) is withdrawn — kept with when and why, offered as
/// <c>alertWithdrawn</c> — and raised again, as the same alert, if its period alarms once more.
/// </summary>
// Implementation note (cluster): every node sweeps, and the store's key decides which node raises an alert.
// Each node then relays to its own subscribers every alert stored since its last look, whichever node raised
// it, so a dashboard sees each alert once whatever node it is connected to.
// Implementation note: a periodic sweep rather than a test per change: a sweep of every footprint and measure
// is a few hundred in-memory grain reads, and it also catches periods that become unusual when nothing new
// arrives — the cost does not grow with the record rate. Weeks before the last complete one, and months before
// the last complete one, are not tested again, so their alerts stand as raised.
// Implementation note (months): the current month is not tested, as month-precision data arrive whole months at a
// time (a police.uk file is a month) and a part month would read as a fall. The last complete month is tested only
// for a measure and footprint that holds month-precision records in it (or has a standing monthly alert of it to test
// again): for data with a day, the weekly alerts already see every record, and a monthly alert beside them would
// repeat what they say. The monthly measures are ViolenceMeasure.Monthly: police violence at the level police.uk
// publishes it.
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

    /// <summary>
    /// Months tested for month-precision data: the last complete one and the two before it, because data.police.uk
    /// publishes a month about two months after it ends, so the last complete month is usually still empty when its
    /// files arrive, and a month is tested again as later files fill it in.
    /// </summary>
    public const int MonthsTested = 3;

    /// <summary>Tests the current and the last complete week of every footprint and measure, and the last
    /// <see cref="MonthsTested"/> complete months of those holding month-precision records.</summary>
    public async Task SweepAsync(CancellationToken cancel)
    {
        var today = LondonTime.Today(clock);
        var current = Period.Containing(today, Granularity.Week);
        var lastComplete = Period.LastComplete(today, Granularity.Week);
        var lastMonth = Period.LastComplete(today, Granularity.Month);
        var weeks = Window(current, FarringtonOptions.Noufaily);
        var months = Window(lastMonth, FarringtonOptions.NoufailyMonthly);
        // Read before the tests: an alert another node raises during this sweep is tested at the next one.
        var testedMonths = Enumerable.Range(0, MonthsTested).Select(k => lastMonth.Shift(-k).Label).ToList();
        var standing = store.Standing([current.Label, lastComplete.Label, .. testedMonths]).ToLookup(a => (a.Footprint, a.Feed, a.Category, a.Period));
        // Footprints that no longer exist are not watched: nobody plans on them, and their alerts would be noise.
        var watched = geography.ValidOn(today).ToList();
        foreach (var measure in ViolenceMeasure.All)
        {
            if (Request(measure, weeks, Granularity.Week) is not { } weekly) continue;
            foreach (var footprint in watched)
            {
                cancel.ThrowIfCancellationRequested();
                await TestAsync(RollupGrains.For(grains, footprint), weekly, Granularity.Week, 2, footprint.Id, measure, standing, cancel);
            }
        }
        foreach (var measure in ViolenceMeasure.Monthly)
        {
            if (Request(measure, months, Granularity.Month) is not { } monthly) continue;
            // The months' weeks say how many month-precision records they leave out: those are what the months add.
            var probe = monthly with { Range = new DateRange(lastMonth.Shift(-(MonthsTested - 1)).Start, monthly.Range.To), Granularity = Granularity.Week };
            foreach (var footprint in watched)
            {
                cancel.ThrowIfCancellationRequested();
                var rollup = RollupGrains.For(grains, footprint);
                var monthPrecision = (await rollup.GetSeries(probe).WaitAsync(hub.Value.GrainCallTimeout, cancel)).ExcludedMonthPrecision;
                if (monthPrecision > 0 || testedMonths.Any(m => standing[(footprint.Id, measure.Feed, measure.Category, m)].Any()))
                    await TestAsync(rollup, monthly, Granularity.Month, MonthsTested, footprint.Id, measure, standing, cancel);
            }
        }
        await FeedSilenceWatch.SweepAsync(grains, geography, catalog, store, clock, hub.Value.GrainCallTimeout, Raise, Withdraw, cancel);
    }

    /// <summary>The series request of a measure over <paramref name="range"/>; null when the catalogue lacks the measure.</summary>
    private SeriesQuery? Request(ViolenceMeasure measure, DateRange range, Granularity unit) =>
        catalog.FindFeed(measure.Feed) is { } feed && feed.FindCategory(measure.Category) is { } category
            ? new SeriesQuery(feed.Index, category.SelfAndDescendants, 0, range, unit)
            : null;

    /// <summary>The periods read to test <paramref name="last"/>: enough history before it for Farrington-flexible
    /// (and so for EARS C2), and two periods more.</summary>
    private static DateRange Window(Period last, FarringtonOptions options) =>
        new(last.Shift(-(RecordedHistory.PeriodsBefore(options) + 2)).Start, last.End);

    /// <summary>Tests the last <paramref name="tested"/> periods of the footprint's series: withdraws the standing alerts
    /// of those periods that no longer hold, raises the new ones.</summary>
    private async Task TestAsync(IRollupGrain rollup, SeriesQuery request, Granularity unit, int tested,
        string footprint, ViolenceMeasure measure, ILookup<(string, string, string, string), Alert> standing, CancellationToken cancel)
    {
        var series = await rollup.GetSeries(request).WaitAsync(hub.Value.GrainCallTimeout, cancel);
        var counts = series.Points.Select(p => p.Count).ToList();
        // A window with no data cannot alarm, so there is no need to look before it (a standing alert of one of
        // its periods is withdrawn all the same: its count is gone).
        var dataStart = counts.TrueForAll(c => c == 0) ? counts.Count
            : await RecordedHistory.DataStartAsync(q => rollup.GetSeries(q).WaitAsync(hub.Value.GrainCallTimeout, cancel), request, counts);
        for (var t = Math.Max(0, counts.Count - tested); t < counts.Count; t++)
        {
            var point = series.Points[t];
            var result = AlertExceedance.Evaluate(counts, t, dataStart, unit);
            foreach (var alert in standing[(footprint, measure.Feed, measure.Category, point.Period)])
                if (AlertWithdrawal.Reason(alert, point.Count, result) is { } reason)
                    Withdraw(alert, reason);
            if (result is not { Alarm: true }) continue;
            Raise(new Alert(footprint, measure.Feed, measure.Category, point.Period, point.Start, point.End, result.Method,
                point.Count, result.Expected, result.Threshold, clock.GetUtcNow()));
        }
    }

    private void Raise(Alert alert)
    {
        if (!store.TryAdd(alert)) return;
        logger.LogInformation("Alert: {Footprint} {Feed}/{Category} {Granularity} {Period}: {Count} above {Threshold:0.#} ({Method})",
            alert.Footprint, alert.Feed, alert.Category, alert.Granularity, alert.Period, alert.Count, alert.Threshold, alert.Method);
    }

    private void Withdraw(Alert alert, string reason)
    {
        // False when another node withdrew it first: recorded once, relayed by every node from the store.
        if (!store.TryWithdraw(alert, clock.GetUtcNow(), reason)) return;
        logger.LogInformation("Alert withdrawn: {Footprint} {Feed}/{Category} {Granularity} {Period} ({Method}): {Reason}",
            alert.Footprint, alert.Feed, alert.Category, alert.Granularity, alert.Period, alert.Method, reason);
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
