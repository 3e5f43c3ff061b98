using System.Text;
using AnalysisHub.Domain.Tests.Support;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Domain.Tests.Vocabulary;

public class IndicatorCatalogTests
{
    private static FeedCatalog LoadJson(string json) => FeedCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private const string Survey = """
        {"id": "survey", "weighted": true, "categories": [
          {"id": "yes", "group": true, "children": [{"id": "yes-a"}, {"id": "yes-b"}]}, {"id": "no"}, {"id": "dont-know"}]}
        """;

    [Fact]
    public void The_confidence_indicator_counts_both_agree_answers_over_all_six_answers()
    {
        var catalog = Reference.Catalog;
        var indicator = catalog.FindIndicator("police-and-council-dealing-with-issues")!;
        var feed = catalog.FindFeed("confidence-survey")!;
        Assert.Same(feed, indicator.Feed);
        Assert.True(feed.Weighted);
        string[] Answers(IEnumerable<int> indexes) => indexes.Select(i => feed.Categories[i]).Where(c => !c.IsGroup).Select(c => c.Id).ToArray();
        Assert.Equal(["strongly-agree", "tend-to-agree"], Answers(indicator.Numerator));
        Assert.Equal(["strongly-agree", "tend-to-agree", "neither-agree-nor-disagree", "tend-to-disagree", "strongly-disagree", "dont-know"],
            Answers(indicator.Denominator));
        Assert.True(feed.FindCategory("agree")!.IsGroup);
        Assert.True(feed.FindCategory("disagree")!.IsGroup);
        Assert.False(feed.FindCategory("dont-know")!.IsGroup);
        Assert.All(catalog.Feeds.Where(f => f != feed), f => Assert.False(f.Weighted));
    }

    [Fact]
    public void An_indicator_without_a_denominator_counts_every_answer()
    {
        var catalog = LoadJson($$"""{"feeds": [{{Survey}}], "indicators": [{"id": "yes-share", "feed": "survey", "numerator": ["yes"]}]}""");
        var indicator = catalog.FindIndicator("yes-share")!;
        Assert.Equal([0, 1, 2], indicator.Numerator);
        Assert.Equal([0, 1, 2, 3, 4], indicator.Denominator);
    }

    [Theory]
    [InlineData("""{"id": "x", "feed": "nope", "numerator": ["yes"]}""", "feed 'nope'")]
    [InlineData("""{"id": "x", "feed": "survey", "numerator": ["maybe"]}""", "'maybe'")]
    [InlineData("""{"id": "x", "feed": "survey"}""", "no 'numerator'")]
    [InlineData("""{"id": "x", "feed": "survey", "numerator": ["yes"], "denominator": ["no"]}""", "must be in the denominator")]
    public void A_malformed_indicator_is_refused_saying_why(string indicator, string expected)
    {
        var e = Assert.Throws<FormatException>(() => LoadJson($$"""{"feeds": [{{Survey}}], "indicators": [{{indicator}}]}"""));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_indicator_of_an_unweighted_feed_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => LoadJson("""
            {"feeds": [{"id": "crime", "categories": [{"id": "a"}]}], "indicators": [{"id": "x", "feed": "crime", "numerator": ["a"]}]}
            """));
        Assert.Contains("weighted", e.Message);
    }

    [Fact]
    public void A_group_without_members_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => LoadJson("""{"feeds": [{"id": "s", "categories": [{"id": "a", "group": true}]}]}"""));
        Assert.Contains("group 'a' has no members", e.Message);
    }
}
