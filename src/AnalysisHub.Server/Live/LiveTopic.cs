using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Server.Live;

/// <summary>What a client listens to: a footprint's counts for a feed, optionally one category (with its descendants).</summary>
public sealed record LiveTopic(Footprint Footprint, Feed Feed, Category? Category)
{
    /// <summary>The SignalR group and dictionary key: canonical ids, so <c>W06000015</c> and <c>la:cardiff</c> share it.</summary>
    public string Key => $"{Footprint.Id}|{Feed.Id}|{Category?.Id}";

    public IReadOnlyList<int> Categories => Category?.SelfAndDescendants ?? Feed.Categories.Select(c => c.Index).ToList();

    /// <summary>Resolves client input; the error names what is unknown.</summary>
    public static LiveTopic Resolve(string footprintId, string feed, string? category, GeographyRegistry geography, FeedCatalog catalog, out string? error)
    {
        error = null;
        var footprint = geography.Find(footprintId);
        var f = catalog.FindFeed(feed);
        var c = string.IsNullOrEmpty(category) ? null : f?.FindCategory(category);
        if (footprint is null) error = $"unknown footprint '{footprintId}'";
        else if (f is null) error = $"unknown feed '{feed}'";
        else if (!string.IsNullOrEmpty(category) && c is null) error = $"unknown category '{category}' of feed '{feed}'";
        return error is null ? new LiveTopic(footprint!, f!, c) : null!;
    }
}
