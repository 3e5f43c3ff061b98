using System.Globalization;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Domain.Tests.Support;

/// <summary>A clock that always reads the same instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The reference geography and vocabulary, loaded once (both are immutable).</summary>
public static class Reference
{
    public static readonly GeographyRegistry Geography = GeographyLoader.LoadReference();

    /// <summary>Today: the day whose arrangement of footprints the current-geography tests check.</summary>
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    public static readonly FeedCatalog Catalog = FeedCatalog.LoadReference();

    /// <summary>"Now" for ingest tests: mid-December 2025, so most 2025 dates are in the past.</summary>
    public static readonly DateTimeOffset Now = new(2025, 12, 15, 12, 0, 0, TimeSpan.Zero);

    public static Feed Feed(string slug) => Catalog.FindFeed(slug) ?? throw new InvalidOperationException(slug);

    public static int CategoryIndex(string feed, string slug) =>
        Feed(feed).FindCategory(slug)?.Index ?? throw new InvalidOperationException(slug);

    public static uint FlagMask(params string[] flags)
    {
        uint mask = 0;
        foreach (var f in flags)
            mask |= Catalog.TryGetFlagBit(f, out var bit) ? 1u << bit : throw new InvalidOperationException(f);
        return mask;
    }

    public static int AuthorityIndex(string id) => (Geography.FindAuthority(id) ?? throw new InvalidOperationException(id)).Index;

    public static RecordValidator Validator(string feed = "crime") =>
        new(Geography, Catalog, Feed(feed), new FixedClock(Now));
}

public static class Dates
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime Local(string iso) =>
        DateTime.ParseExact(iso, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.ParseExact(iso, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
