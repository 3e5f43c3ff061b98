using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Shared;

/// <summary>Validates the series query string into a <see cref="SeriesQuery"/>, or a problem naming the bad parameter.</summary>
internal sealed record SeriesParameters(SeriesQuery? Query, ProblemHttpResult? Problem)
{
    /// <summary>Longest range a series may span (days), so one request cannot ask for centuries of day points.</summary>
    public const int MaxDays = 366 * 50;

    public static SeriesParameters Parse(string? feedSlug, string? categorySlug, string[]? flags, string? from, string? to,
        string? granularitySlug, FeedCatalog catalog, TimeProvider clock)
    {
        static SeriesParameters Fail(ProblemHttpResult problem) => new(null, problem);

        if (string.IsNullOrEmpty(feedSlug))
            return Fail(Problems.BadParameter("feed", feedSlug, $"is required; one of {string.Join(", ", catalog.Feeds.Select(f => f.Id))}"));
        if (catalog.FindFeed(feedSlug) is not { } feed)
            return Fail(Problems.BadParameter("feed", feedSlug, $"unknown feed '{feedSlug}'; one of {string.Join(", ", catalog.Feeds.Select(f => f.Id))}"));

        IReadOnlyList<int> categories;
        if (string.IsNullOrEmpty(categorySlug)) categories = feed.Categories.Select(c => c.Index).ToList();
        else if (feed.FindCategory(categorySlug) is { } category) categories = category.SelfAndDescendants;
        else return Fail(Problems.BadParameter("category", categorySlug, $"unknown category '{categorySlug}' of feed '{feed.Id}'"));

        uint required = 0;
        foreach (var flag in flags ?? [])
        {
            if (!catalog.TryGetFlagBit(flag, out var bit)) return Fail(Problems.BadParameter("flag", flag, $"unknown flag '{flag}'"));
            required |= 1u << bit;
        }

        var granularity = Granularity.Month;
        if (!string.IsNullOrEmpty(granularitySlug) && !GranularityNames.TryParse(granularitySlug, out granularity))
            return Fail(Problems.BadParameter("granularity", granularitySlug,
                $"unknown granularity '{granularitySlug}'; one of {string.Join(", ", GranularityNames.Slugs)}"));

        DateOnly? fromDate = null, toDate = null;
        if (!string.IsNullOrEmpty(from))
        {
            if (!DateArgument.TryParse(from, out var d)) return Fail(Problems.BadParameter("from", from, $"'{from}' is not a date (YYYY-MM-DD)"));
            fromDate = d;
        }
        if (!string.IsNullOrEmpty(to))
        {
            if (!DateArgument.TryParse(to, out var d)) return Fail(Problems.BadParameter("to", to, $"'{to}' is not a date (YYYY-MM-DD)"));
            toDate = d;
        }
        var range = DateRange.Resolve(fromDate, toDate, LondonTime.Today(clock));
        if (range.From > range.To)
            return Fail(Problems.BadParameter("from", from, $"from ({range.From:yyyy-MM-dd}) is after to ({range.To:yyyy-MM-dd})"));
        if (range.Days > MaxDays)
            return Fail(Problems.BadParameter("to", to, $"the range spans {range.Days} days; at most {MaxDays} are allowed"));
        return new(new SeriesQuery(feed.Index, categories, required, range, granularity), null);
    }
}
