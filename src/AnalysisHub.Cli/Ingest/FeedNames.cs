using System.Text.Json;
using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli.Ingest;

/// <summary>The feeds the hub has (<c>GET /api/v1/feeds</c>) with their categories, and the feed a file's name implies.</summary>
public sealed class FeedNames(IReadOnlyDictionary<string, IReadOnlySet<string>> categories)
{
    public IReadOnlyCollection<string> Ids => (IReadOnlyCollection<string>)categories.Keys;

    public static async Task<FeedNames> LoadAsync(HubClient hub, CancellationToken cancel)
    {
        using var document = await hub.GetJsonAsync("api/v1/feeds", cancel);
        var feeds = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var feed in document.RootElement.EnumerateArray())
            feeds[feed.GetProperty("id").GetString()!] = feed.GetProperty("categories").EnumerateArray()
                .Select(c => c.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        return new FeedNames(feeds);
    }

    public bool Has(string feed) => categories.ContainsKey(feed);

    public bool HasCategory(string feed, string category) => categories.TryGetValue(feed, out var c) && c.Contains(category);

    /// <summary>
    /// The feed a path names: the longest feed id that the file's name starts with, followed by its end or a
    /// separator (<c>crime.ndjson</c>, <c>ed-assaults-2025-06.csv</c>), else its folder's name (<c>calls/june.csv</c>).
    /// </summary>
    public string? FromPath(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        var match = categories.Keys.Where(f => stem == f || (stem.StartsWith(f, StringComparison.Ordinal) && stem[f.Length] is '-' or '_' or '.' or ' '))
            .OrderByDescending(f => f.Length).FirstOrDefault();
        if (match is not null) return match;
        var folder = Path.GetFileName(Path.GetDirectoryName(path))?.ToLowerInvariant();
        return folder is not null && categories.ContainsKey(folder) ? folder : null;
    }

    public string List() => string.Join(", ", categories.Keys.Order(StringComparer.Ordinal));
}
