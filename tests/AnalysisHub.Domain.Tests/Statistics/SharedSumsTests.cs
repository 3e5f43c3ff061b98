using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Tests.Support;

namespace AnalysisHub.Domain.Tests.Statistics;

public class SharedSumsTests
{
    private static Footprint F(string id) => Reference.Geography.Find(id) ?? throw new InvalidOperationException(id);

    [Fact]
    public void A_footprint_shown_with_its_member_authorities_is_their_sum()
    {
        var shown = new[] { F("csp:cwm-taf"), F("la:rhondda-cynon-taf"), F("la:merthyr-tydfil") };

        var group = Assert.Single(SharedSums.Of(shown));

        Assert.Equal(0, group.Parent);
        Assert.Equal([1, 2], group.Members.Order());
    }

    [Fact]
    public void Wales_shown_with_every_regional_partnership_board_is_their_sum()
    {
        var rpbs = Reference.Geography.OfKind("rpb", Reference.Today).ToList();
        var shown = rpbs.Append(F("nation:wales")).ToList();

        var group = Assert.Single(SharedSums.Of(shown));

        Assert.Equal(shown.Count - 1, group.Parent);
        Assert.Equal(Enumerable.Range(0, rpbs.Count), group.Members.Order());
    }

    [Fact]
    public void Members_that_do_not_cover_the_footprint_reveal_no_sum()
    {
        Assert.Empty(SharedSums.Of([F("csp:cwm-taf"), F("la:rhondda-cynon-taf")]));
    }
}
