using System.Text.Json;
using System.Text.Json.Nodes;
using AnalysisHub.Domain.Cells;

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

    private FeedCatalog(IReadOnlyList<Feed> feeds, IReadOnlyList<string> flags, IReadOnlyList<Indicator> indicators)
    {
        Feeds = feeds;
        Flags = flags;
        Indicators = indicators;
        _feeds = feeds.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _flagBits = flags.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<Feed> Feeds { get; }
    public IReadOnlyList<string> Flags { get; }

    /// <summary>The survey indicators, in the file's order.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    public Feed? FindFeed(string slug) => _feeds.GetValueOrDefault(slug);

    public Indicator? FindIndicator(string slug) => Indicators.FirstOrDefault(i => i.Id == slug);

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
            if (categories.Count > CellMeasures.MaxCategories)
                throw new FormatException($"feed '{id}' has {categories.Count} categories; at most {CellMeasures.MaxCategories} are supported");
            foreach (var c in categories)
                c.SelfAndDescendants = categories.Where(d => IsSelfOrDescendant(d, c)).Select(d => d.Index).ToList();
            feeds.Add(new Feed(id, feeds.Count, feedNode["name"]?.GetValue<string>(), categories,
                feedNode["weighted"]?.GetValue<bool>() ?? false));
        }
        var flags = new List<string>();
        foreach (var flagNode in root["flags"]?.AsArray() ?? [])
        {
            var id = RequireSlug(flagNode, "flag");
            if (flags.Contains(id)) throw new FormatException($"duplicate flag '{id}'");
            flags.Add(id);
        }
        if (flags.Count > MaxFlags) throw new FormatException($"at most {MaxFlags} flags are supported, found {flags.Count}");
        var indicators = new List<Indicator>();
        foreach (var node in root["indicators"]?.AsArray() ?? [])
        {
            var indicator = LoadIndicator(node!, feeds);
            if (indicators.Any(i => i.Id == indicator.Id)) throw new FormatException($"duplicate indicator '{indicator.Id}'");
            indicators.Add(indicator);
        }
        return new FeedCatalog(feeds, flags, indicators);
    }

    private static Indicator LoadIndicator(JsonNode node, List<Feed> feeds)
    {
        var id = RequireSlug(node, "indicator");
        var feedId = node["feed"]?.GetValue<string>() ?? throw new FormatException($"indicator '{id}' names no 'feed'");
        var feed = feeds.FirstOrDefault(f => f.Id == feedId) ?? throw new FormatException($"indicator '{id}' names feed '{feedId}', which is not defined");
        if (!feed.Weighted) throw new FormatException($"indicator '{id}' needs a weighted feed; '{feedId}' is not");
        string[] SlugList(string property, IEnumerable<string>? otherwise)
        {
            var list = node[property]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? otherwise?.ToArray()
                ?? throw new FormatException($"indicator '{id}' has no '{property}'");
            foreach (var slug in list)
                if (feed.FindCategory(slug) is null) throw new FormatException($"indicator '{id}' names '{slug}', not a category of feed '{feedId}'");
            return list;
        }
        var numerator = SlugList("numerator", null);
        // By default every answer is in the base, "don't know" included: the root categories cover the whole tree.
        var denominator = SlugList("denominator", feed.Categories.Where(c => c.Parent is null).Select(c => c.Id));
        int[] Indexes(string[] slugs) => slugs.SelectMany(s => feed.FindCategory(s)!.SelfAndDescendants).Distinct().Order().ToArray();
        var (above, below) = (Indexes(numerator), Indexes(denominator));
        if (above.Except(below).Any()) throw new FormatException($"indicator '{id}': every numerator answer must be in the denominator");
        return new Indicator
        {
            Id = id, Name = node["name"]?.GetValue<string>(), Question = node["question"]?.GetValue<string>(), Feed = feed,
            Numerator = above, Denominator = below, NumeratorCategories = numerator, DenominatorCategories = denominator,
        };
    }

    private static void AddCategories(string feed, JsonArray? nodes, Category? parent, List<Category> into)
    {
        foreach (var node in nodes ?? [])
        {
            var id = RequireSlug(node, $"category of feed '{feed}'");
            if (into.Any(c => c.Id == id)) throw new FormatException($"feed '{feed}' has category '{id}' twice");
            var category = new Category
            {
                Id = id, Index = into.Count, Name = node!["name"]?.GetValue<string>(), Parent = parent,
                IsGroup = node["group"]?.GetValue<bool>() ?? false,
            };
            if (category.IsGroup && node["children"] is not JsonArray { Count: > 0 })
                throw new FormatException($"feed '{feed}': group '{id}' has no members");
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
