using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnalysisHub.Domain.Vocabulary;

/// <summary>
/// The feeds, their category trees and the qualifier flags, loaded from a data file so a partnership can
/// add a category or a flag without a code change. A record's flags are a bit mask over <see cref="Flags"/>.
/// </summary>
public sealed class FeedCatalog
{
    /// <summary>Flags are stored as a 32-bit mask in every cell.</summary>
    public const int MaxFlags = 32;

    private readonly Dictionary<string, Feed> _feeds;
    private readonly Dictionary<string, int> _flagBits;

    private FeedCatalog(IReadOnlyList<Feed> feeds, IReadOnlyList<string> flags)
    {
        Feeds = feeds;
        Flags = flags;
        _feeds = feeds.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _flagBits = flags.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<Feed> Feeds { get; }
    public IReadOnlyList<string> Flags { get; }

    public Feed? FindFeed(string slug) => _feeds.GetValueOrDefault(slug);

    public bool TryGetFlagBit(string slug, out int bit) => _flagBits.TryGetValue(slug, out bit);

    public IEnumerable<string> FlagNames(uint mask)
    {
        for (var bit = 0; bit < Flags.Count; bit++)
            if ((mask & (1u << bit)) != 0) yield return Flags[bit];
    }

    public static FeedCatalog LoadReference()
    {
        using var stream = ReferenceData.Open("vocabulary.json");
        return Load(stream);
    }

    /// <exception cref="FormatException">the file is malformed or inconsistent; the message says where.</exception>
    public static FeedCatalog Load(Stream json)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new FormatException($"vocabulary file is not valid JSON: {e.Message}"); }

        var feeds = new List<Feed>();
        foreach (var feedNode in root?["feeds"]?.AsArray() ?? throw new FormatException("vocabulary file has no 'feeds'"))
        {
            var id = RequireSlug(feedNode, "feed");
            if (feeds.Any(f => f.Id == id)) throw new FormatException($"duplicate feed '{id}'");
            var categories = new List<Category>();
            AddCategories(id, feedNode!["categories"]?.AsArray(), null, categories);
            if (categories.Count == 0) throw new FormatException($"feed '{id}' has no categories");
            foreach (var c in categories)
                c.SelfAndDescendants = categories.Where(d => IsSelfOrDescendant(d, c)).Select(d => d.Index).ToList();
            feeds.Add(new Feed(id, feeds.Count, feedNode["name"]?.GetValue<string>(), categories));
        }
        var flags = new List<string>();
        foreach (var flagNode in root["flags"]?.AsArray() ?? [])
        {
            var id = RequireSlug(flagNode, "flag");
            if (flags.Contains(id)) throw new FormatException($"duplicate flag '{id}'");
            flags.Add(id);
        }
        if (flags.Count > MaxFlags) throw new FormatException($"at most {MaxFlags} flags are supported, found {flags.Count}");
        return new FeedCatalog(feeds, flags);
    }

    private static void AddCategories(string feed, JsonArray? nodes, Category? parent, List<Category> into)
    {
        foreach (var node in nodes ?? [])
        {
            var id = RequireSlug(node, $"category of feed '{feed}'");
            if (into.Any(c => c.Id == id)) throw new FormatException($"feed '{feed}' has category '{id}' twice");
            var category = new Category { Id = id, Index = into.Count, Name = node!["name"]?.GetValue<string>(), Parent = parent };
            into.Add(category);
            AddCategories(feed, node["children"]?.AsArray(), category, into);
        }
    }

    private static bool IsSelfOrDescendant(Category candidate, Category ancestor)
    {
        for (var c = candidate; c is not null; c = c.Parent)
            if (c == ancestor) return true;
        return false;
    }

    private static string RequireSlug(JsonNode? node, string what)
    {
        var id = node?["id"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(id)) throw new FormatException($"a {what} has no 'id'");
        return id;
    }
}
