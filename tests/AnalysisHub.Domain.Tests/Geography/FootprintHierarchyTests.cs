using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Tests.Support;

namespace AnalysisHub.Domain.Tests.Geography;

public class FootprintHierarchyTests
{
    private static readonly GeographyRegistry Registry = Reference.Geography;

    private static Footprint F(string id) => Registry.Find(id) ?? throw new InvalidOperationException(id);

    private static bool StrictlyInside(Footprint a, Footprint b) =>
        a.Members.ToHashSet().IsProperSubsetOf(b.Members);

    [Fact]
    public void Rhondda_cynon_taf_has_the_cwm_taf_csp_as_its_only_parent()
    {
        var parents = F("la:rhondda-cynon-taf").Parents;

        Assert.Contains("csp:cwm-taf", parents);
        Assert.DoesNotContain("psb:cwm-taf-morgannwg", parents);
        Assert.DoesNotContain("nation:wales", parents);
        Assert.Equal(["csp:cwm-taf"], parents);
    }

    [Fact]
    public void Cwm_taf_morgannwg_psb_is_reached_through_the_cwm_taf_csp()
    {
        Assert.Contains("psb:cwm-taf-morgannwg", F("csp:cwm-taf").Parents);
        Assert.Contains("csp:cwm-taf", F("psb:cwm-taf-morgannwg").Children);
        Assert.Contains("la:bridgend", F("psb:cwm-taf-morgannwg").Children);
        Assert.DoesNotContain("la:rhondda-cynon-taf", F("psb:cwm-taf-morgannwg").Children);
    }

    [Fact]
    public void Cardiff_is_the_same_footprint_as_its_csp_and_psb()
    {
        var cardiff = F("la:cardiff");

        Assert.Equal(["csp:cardiff", "psb:cardiff"], cardiff.SameAs.Order());
        Assert.DoesNotContain("csp:cardiff", cardiff.Parents);
        Assert.DoesNotContain("csp:cardiff", cardiff.Children);
        Assert.Equal(["apb:cardiff-and-vale", "rpb:cardiff-and-vale"], cardiff.Parents.Order());
        Assert.Contains("la:cardiff", F("csp:cardiff").SameAs);
    }

    [Fact]
    public void Wales_has_no_parents()
    {
        var wales = F("nation:wales");

        Assert.Empty(wales.Parents);
        Assert.Empty(wales.SameAs);
        Assert.Equal(22, wales.Members.Count);
    }

    [Fact]
    public void Children_of_wales_are_the_largest_footprints_strictly_inside_it()
    {
        var wales = F("nation:wales");
        var inside = Registry.ValidOn(Reference.Today).Where(f => StrictlyInside(f, wales)).ToList();
        var largest = inside.Where(f => !inside.Any(g => StrictlyInside(f, g))).Select(f => f.Id);

        Assert.Equal(largest.Order(), wales.Children.Order());
        Assert.Equal(
            [
                "apb:gwent", "apb:north-wales", "force:dyfed-powys", "force:gwent", "force:north-wales",
                "force:south-wales", "psb:gwent", "rpb:gwent", "rpb:north-wales",
            ],
            wales.Children.Order());
    }

    /// <summary>Days on either side of each change of the shipped arrangement, and today.</summary>
    public static TheoryData<string> Days => ["2015-06-01", "2018-06-01", "2019-04-01", "2021-03-31", "2022-06-01", "2023-04-01", Reference.Today.ToString("yyyy-MM-dd")];

    private static IEnumerable<(Footprint Footprint, HashSet<Authority> Members, FootprintNavigation Navigation)> On(DateOnly day) =>
        Registry.ValidOn(day).Select(f => (f, f.MembersOn(day).ToHashSet(), Registry.NavigationOn(f, day)!));

    [Theory]
    [MemberData(nameof(Days))]
    public void Parents_are_the_smallest_footprints_strictly_containing_each_footprint_that_day(string date)
    {
        var valid = On(DateOnly.Parse(date)).ToList();
        foreach (var (f, members, navigation) in valid)
        {
            var containing = valid.Where(s => members.IsProperSubsetOf(s.Members)).ToList();
            var smallest = containing.Where(p => !containing.Any(between => between.Members.IsProperSubsetOf(p.Members))).Select(p => p.Footprint.Id);
            Assert.Equal(smallest.Order(), navigation.Parents.Order());
        }
    }

    [Theory]
    [MemberData(nameof(Days))]
    public void Children_are_the_inverse_of_parents_that_day(string date)
    {
        var day = DateOnly.Parse(date);
        foreach (var (f, _, navigation) in On(day))
        {
            foreach (var p in navigation.Parents) Assert.Contains(f.Id, Registry.NavigationOn(F(p), day)!.Children);
            foreach (var c in navigation.Children) Assert.Contains(f.Id, Registry.NavigationOn(F(c), day)!.Parents);
        }
    }

    [Theory]
    [MemberData(nameof(Days))]
    public void Same_as_is_symmetric_and_means_equal_members_that_day(string date)
    {
        var day = DateOnly.Parse(date);
        foreach (var (f, members, navigation) in On(day))
        foreach (var other in navigation.SameAs)
        {
            Assert.Contains(f.Id, Registry.NavigationOn(F(other), day)!.SameAs);
            Assert.True(members.SetEquals(F(other).MembersOn(day)));
            Assert.DoesNotContain(other, navigation.Parents);
            Assert.DoesNotContain(other, navigation.Children);
        }
    }

    [Fact]
    public void Navigation_is_derived_among_the_footprints_of_the_day_asked()
    {
        // Before April 2019 Bridgend was in Western Bay; after, in Cwm Taf Morgannwg.
        var in2018 = Registry.NavigationOn(F("la:bridgend"), new DateOnly(2018, 6, 1))!;
        Assert.Equal(["apb:western-bay", "rpb:western-bay"], in2018.Parents.Order());
        Assert.Equal(["csp:bridgend", "psb:bridgend"], in2018.SameAs.Order());
        var today = Registry.NavigationOn(F("la:bridgend"), Reference.Today)!;
        Assert.Equal(["apb:cwm-taf-morgannwg", "psb:cwm-taf-morgannwg", "rpb:cwm-taf-morgannwg"], today.Parents.Order());
        Assert.Equal(["csp:bridgend"], today.SameAs);
        // The footprint's own navigation is the registry's day's, today.
        Assert.Equal(today.Parents, F("la:bridgend").Parents);
        Assert.Equal(today.SameAs, F("la:bridgend").SameAs);
        // A footprint not valid on the day has no place in it.
        Assert.Null(Registry.NavigationOn(F("rpb:western-bay"), Reference.Today));
        Assert.Null(Registry.NavigationOn(F("rpb:west-glamorgan"), new DateOnly(2018, 6, 1)));
        // The Cwm Taf APB of 2018 is the same as the Cwm Taf RPB and CSP that day; today it is Cwm Taf Morgannwg's.
        Assert.Equal(["csp:cwm-taf", "psb:cwm-taf", "rpb:cwm-taf"], Registry.NavigationOn(F("apb:cwm-taf-morgannwg"), new DateOnly(2018, 6, 1))!.SameAs.Order());
        Assert.Equal(["psb:cwm-taf-morgannwg", "rpb:cwm-taf-morgannwg"], Registry.NavigationOn(F("apb:cwm-taf-morgannwg"), Reference.Today)!.SameAs.Order());
    }

    [Fact]
    public void Footprints_share_a_rollup_only_when_their_whole_membership_histories_are_equal()
    {
        foreach (var f in Registry.Footprints)
        foreach (var g in Registry.Footprints.Where(g => g.RollupId == f.RollupId))
        {
            Assert.Equal(f.Membership.Count, g.Membership.Count);
            Assert.All(f.Membership.Zip(g.Membership), p => Assert.True(p.First.SameAs(p.Second), $"{f.Id} and {g.Id} share {f.RollupId}"));
        }
        // Same members today, different histories: two rollups.
        Assert.NotEqual(F("apb:cwm-taf-morgannwg").RollupId, F("rpb:cwm-taf-morgannwg").RollupId);
        Assert.NotEqual(F("apb:western-bay").RollupId, F("rpb:west-glamorgan").RollupId);
        // Same history: one.
        Assert.Equal(F("psb:cwm-taf-morgannwg").RollupId, F("rpb:cwm-taf-morgannwg").RollupId);
        Assert.Equal(F("csp:cwm-taf").RollupId, F("rpb:cwm-taf").RollupId);
        Assert.Equal("la:newport", F("psb:newport").RollupId);
    }

    [Fact]
    public void Health_board_footprints_are_the_same_as_each_other()
    {
        Assert.Equal(["apb:cwm-taf-morgannwg", "rpb:cwm-taf-morgannwg"], F("psb:cwm-taf-morgannwg").SameAs.Order());
        Assert.Equal(["apb:gwent", "force:gwent", "rpb:gwent"], F("psb:gwent").SameAs.Order());
    }

    [Fact]
    public void Containing_lists_every_footprint_that_counts_an_authority()
    {
        var ids = Registry.Containing(Registry.FindAuthority("la:cardiff")!).Select(f => f.Id).Order();

        Assert.Equal(
            ["apb:cardiff-and-vale", "csp:cardiff", "force:south-wales", "la:cardiff", "nation:wales", "psb:cardiff", "rpb:cardiff-and-vale"],
            ids);
        Assert.Equal(
            ["apb:cwm-taf-morgannwg", "csp:cwm-taf", "force:south-wales", "la:merthyr-tydfil", "nation:wales", "psb:cwm-taf", "psb:cwm-taf-morgannwg", "rpb:cwm-taf", "rpb:cwm-taf-morgannwg"],
            Registry.Containing(Registry.FindAuthority("la:merthyr-tydfil")!).Select(f => f.Id).Order());
    }
}
