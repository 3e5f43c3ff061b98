using System.Text;
using AnalysisHub.Domain.Tests.Support;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Domain.Tests.Vocabulary;

public class FeedCatalogTests
{
    private static readonly FeedCatalog Catalog = Reference.Catalog;

    private static FeedCatalog LoadJson(string json) => FeedCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static IEnumerable<string> Subtree(string feed, string category)
    {
        var f = Catalog.FindFeed(feed)!;
        return f.FindCategory(category)!.SelfAndDescendants.Select(i => f.Categories[i].Id);
    }

    [Fact]
    public void Reference_vocabulary_has_the_six_feeds_in_order()
    {
        Assert.Equal(["crime", "incidents", "calls", "ed-assaults", "ambulance-assaults", "confidence-survey"], Catalog.Feeds.Select(f => f.Id));
        for (var i = 0; i < Catalog.Feeds.Count; i++) Assert.Equal(i, Catalog.Feeds[i].Index);
    }

    [Fact]
    public void Reference_vocabulary_has_the_seventeen_flags_of_the_contract()
    {
        string[] expected =
        [
            "domestic", "alcohol", "drugs", "mental-health", "hate", "knife", "firearm", "under-25",
            "night-time-economy", "repeat", "location-street", "location-licensed-premises", "location-home",
            "location-other", "channel-999", "channel-101", "channel-online",
        ];
        Assert.Equal(17, Catalog.Flags.Count);
        Assert.Equal(expected, Catalog.Flags);
    }

    [Theory]
    [InlineData("crime", 20)]
    [InlineData("incidents", 15)]
    [InlineData("calls", 5)]
    [InlineData("ed-assaults", 8)]
    [InlineData("ambulance-assaults", 1)]
    [InlineData("confidence-survey", 8)]
    public void Each_feed_has_its_category_tree(string feed, int categories)
    {
        Assert.Equal(categories, Catalog.FindFeed(feed)!.Categories.Count);
    }

    [Theory]
    [InlineData("crime")]
    [InlineData("incidents")]
    [InlineData("calls")]
    [InlineData("ed-assaults")]
    [InlineData("ambulance-assaults")]
    public void Categories_are_indexed_by_position_with_parents_before_children(string feed)
    {
        var categories = Catalog.FindFeed(feed)!.Categories;
        for (var i = 0; i < categories.Count; i++)
        {
            Assert.Equal(i, categories[i].Index);
            if (categories[i].Parent is { } parent) Assert.True(parent.Index < i, $"{categories[i].Id} before its parent");
            Assert.Same(categories[i], Catalog.FindFeed(feed)!.FindCategory(categories[i].Id));
        }
    }

    [Fact]
    public void Violence_and_sexual_offences_counts_its_whole_subtree_and_itself()
    {
        var subtree = Subtree("crime", "violence-and-sexual-offences").ToList();

        Assert.Contains("violence-and-sexual-offences", subtree);
        Assert.Contains("violence-against-the-person", subtree);
        Assert.Contains("violence-with-injury", subtree);
        Assert.Contains("sexual-offences", subtree);
        Assert.DoesNotContain("robbery", subtree);
        Assert.Equal(
            new[]
            {
                "violence-and-sexual-offences", "violence-against-the-person", "homicide",
                "death-or-serious-injury-unlawful-driving", "violence-with-injury", "violence-without-injury",
                "stalking-and-harassment", "sexual-offences",
            }.Order(),
            subtree.Order());
    }

    [Fact]
    public void Violence_against_the_person_does_not_count_its_sibling_or_parent()
    {
        var subtree = Subtree("crime", "violence-against-the-person").ToList();

        Assert.Equal(6, subtree.Count);
        Assert.DoesNotContain("sexual-offences", subtree);
        Assert.DoesNotContain("violence-and-sexual-offences", subtree);
    }

    [Theory]
    [InlineData("crime", "violence-with-injury")]
    [InlineData("crime", "sexual-offences")]
    [InlineData("crime", "robbery")]
    [InlineData("crime", "other-crime")]
    [InlineData("incidents", "asb-personal")]
    [InlineData("incidents", "crime-related")]
    [InlineData("calls", "anti-social-behaviour")]
    [InlineData("ed-assaults", "means-knife-or-sharp")]
    [InlineData("ambulance-assaults", "assault")]
    public void A_leaf_category_counts_only_itself(string feed, string category)
    {
        Assert.Equal([category], Subtree(feed, category));
    }

    [Theory]
    [InlineData("incidents", "anti-social-behaviour", 4)]
    [InlineData("incidents", "public-safety-and-welfare", 7)]
    [InlineData("incidents", "transport", 3)]
    [InlineData("ed-assaults", "assault", 8)]
    public void A_parent_category_counts_itself_and_its_children(string feed, string category, int size)
    {
        var subtree = Subtree(feed, category).ToList();

        Assert.Equal(size, subtree.Count);
        Assert.Equal(category, subtree[0]);
    }

    [Fact]
    public void The_same_slug_may_appear_in_two_feeds()
    {
        Assert.NotNull(Catalog.FindFeed("incidents")!.FindCategory("anti-social-behaviour"));
        Assert.NotNull(Catalog.FindFeed("calls")!.FindCategory("anti-social-behaviour"));
        Assert.Null(Catalog.FindFeed("crime")!.FindCategory("anti-social-behaviour"));
    }

    [Fact]
    public void Unknown_feed_category_and_flag_are_not_found()
    {
        Assert.Null(Catalog.FindFeed("fire"));
        Assert.Null(Catalog.FindFeed("Crime"));
        Assert.Null(Catalog.FindFeed("crime")!.FindCategory("Robbery"));
        Assert.False(Catalog.TryGetFlagBit("weapon", out _));
    }

    [Fact]
    public void Flag_bits_follow_file_order_and_names_round_trip()
    {
        Assert.True(Catalog.TryGetFlagBit("domestic", out var domestic));
        Assert.True(Catalog.TryGetFlagBit("channel-online", out var online));
        Assert.Equal(0, domestic);
        Assert.Equal(16, online);

        var mask = (1u << domestic) | (1u << online);
        Assert.Equal(["domestic", "channel-online"], Catalog.FlagNames(mask));
        Assert.Empty(Catalog.FlagNames(0));
    }

    [Fact]
    public void Load_accepts_a_small_vocabulary()
    {
        var catalog = LoadJson("""
            {"feeds": [{"id": "f", "name": "F", "categories": [{"id": "a", "children": [{"id": "b"}]}, {"id": "c"}]}],
             "flags": [{"id": "x"}]}
            """);

        var feed = Assert.Single(catalog.Feeds);
        Assert.Equal("F", feed.Name);
        Assert.Equal(["a", "b", "c"], feed.Categories.Select(c => c.Id));
        Assert.Equal([0, 1], feed.FindCategory("a")!.SelfAndDescendants);
        Assert.Same(feed.FindCategory("a"), feed.FindCategory("b")!.Parent);
        Assert.Equal(["x"], catalog.Flags);
    }

    [Theory]
    [InlineData("duplicate category in a feed", """
        {"feeds": [{"id": "f", "categories": [{"id": "a"}, {"id": "a"}]}], "flags": []}
        """, "'a'")]
    [InlineData("duplicate category at two depths", """
        {"feeds": [{"id": "f", "categories": [{"id": "a", "children": [{"id": "b"}]}, {"id": "b"}]}], "flags": []}
        """, "'b'")]
    [InlineData("duplicate feed", """
        {"feeds": [{"id": "f", "categories": [{"id": "a"}]}, {"id": "f", "categories": [{"id": "b"}]}], "flags": []}
        """, "'f'")]
    [InlineData("duplicate flag", """
        {"feeds": [{"id": "f", "categories": [{"id": "a"}]}], "flags": [{"id": "x"}, {"id": "y"}, {"id": "x"}]}
        """, "'x'")]
    [InlineData("feed without categories", """
        {"feeds": [{"id": "f", "categories": []}], "flags": []}
        """, "'f'")]
    [InlineData("category without id", """
        {"feeds": [{"id": "f", "categories": [{"name": "nameless"}]}], "flags": []}
        """, "'id'")]
    [InlineData("no feeds", """
        {"flags": []}
        """, "feeds")]
    [InlineData("not JSON", "{feeds: ", "JSON")]
    public void Load_rejects_an_inconsistent_vocabulary(string problem, string json, string messagePart)
    {
        var e = Assert.Throws<FormatException>(() => LoadJson(json));
        Assert.True(e.Message.Contains(messagePart, StringComparison.Ordinal), $"{problem}: {e.Message}");
    }

    [Fact]
    public void Load_rejects_more_flags_than_fit_in_the_mask()
    {
        var flags = string.Join(", ", Enumerable.Range(0, FeedCatalog.MaxFlags + 1).Select(i => $$"""{"id": "f{{i}}"}"""));
        var json = $$"""{"feeds": [{"id": "f", "categories": [{"id": "a"}]}], "flags": [{{flags}}]}""";

        Assert.Throws<FormatException>(() => LoadJson(json));
    }

    [Fact]
    public void Load_accepts_exactly_as_many_flags_as_fit_in_the_mask()
    {
        var flags = string.Join(", ", Enumerable.Range(0, FeedCatalog.MaxFlags).Select(i => $$"""{"id": "f{{i}}"}"""));
        var json = $$"""{"feeds": [{"id": "f", "categories": [{"id": "a"}]}], "flags": [{{flags}}]}""";

        Assert.Equal(FeedCatalog.MaxFlags, LoadJson(json).Flags.Count);
    }
}
