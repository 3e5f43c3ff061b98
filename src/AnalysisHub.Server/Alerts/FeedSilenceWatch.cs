using System.Globalization;
using AnalysisHub.Contracts;
using AnalysisHub.Domain.Completeness;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Storage;

namespace AnalysisHub.Server.Alerts;

/// <summary>
/// The part of the alert sweep that watches deliveries: for every authority and feed, an alert (method
/// <c>silence</c>, category <c>all</c>, granularity <c>day</c>) when a feed that delivers daily has had no records for
/// the last two complete days (<see cref="FeedSilence"/>). Its period is the first silent day, so a silence that goes
/// on stays one alert; it is withdrawn when records arrive for its two days after all (a late delivery).
/// </summary>
// Implementation note: days are the days records count in, which is all the grains hold; a supplier whose records
// arrive more than a day late reads as silent until they arrive, and the alert is then withdrawn.
internal static class FeedSilenceWatch
{
    /// <summary>The category a silence alert names: the whole feed.</summary>
    public const string AllCategories = "all";

    /// <summary>How long a silence can have lasted and still be found (a longer one was found while it was shorter).</summary>
    public const int LongestSilenceSeen = 7;

    public static async Task SweepAsync(IGrainFactory grains, GeographyRegistry geography, FeedCatalog catalog, IAlertStore store,
        TimeProvider clock, TimeSpan timeout, Action<Alert> raise, Action<Alert, string> withdraw, CancellationToken cancel)
    {
        var today = LondonTime.Today(clock);
        var lastComplete = today.AddDays(-1);
        var first = lastComplete.AddDays(-(FeedSilence.HistoryDays + LongestSilenceSeen - 1));
        var labels = Enumerable.Range(0, FeedSilence.HistoryDays + LongestSilenceSeen).Select(i => Label(first.AddDays(i))).ToList();
        var standing = store.Standing(labels).Where(a => a.Method == FeedSilence.Method).ToLookup(a => (a.Footprint, a.Feed));
        foreach (var feed in catalog.Feeds)
        {
            var query = new SeriesQuery(feed.Index, feed.Categories.Select(c => c.Index).ToList(), 0, new DateRange(first, today), Granularity.Day);
            foreach (var authority in geography.Authorities)
            {
                cancel.ThrowIfCancellationRequested();
                var series = await RollupGrains.For(grains, authority.Footprint).GetSeries(query).WaitAsync(timeout, cancel);
                var days = series.Points.Select(p => p.Count).ToList();
                foreach (var alert in standing[(authority.Id, feed.Id)])
                {
                    var arrived = days.Where((_, i) => first.AddDays(i) >= alert.Start && first.AddDays(i) <= alert.End).Sum();
                    if (arrived > 0) withdraw(alert, $"records arrived: {arrived} on {Label(alert.Start)}..{Label(alert.End)}");
                }
                // Records today: the feed is delivering, whatever the days before say.
                if (days[^1] > 0) continue;
                if (FeedSilence.Find(days[..^1], first) is not { } silence) continue;
                raise(new Alert(authority.Id, feed.Id, AllCategories, Label(silence.Start), silence.Start, silence.Start.AddDays(FeedSilence.SilentDays - 1),
                    FeedSilence.Method, 0, silence.DailyMean, 0, clock.GetUtcNow()));
            }
        }
    }

    private static string Label(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
