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
        var inside = Registry.Footprints.Where(f => StrictlyInside(f, wales)).ToList();
        var largest = inside.Where(f => !inside.Any(g => StrictlyInside(f, g))).Select(f => f.Id);

        Assert.Equal(largest.Order(), wales.Children.Order());
        Assert.Equal(
            [
                "apb:gwent", "apb:north-wales", "force:dyfed-powys", "force:gwent", "force:north-wales",
                "force:south-wales", "psb:gwent", "rpb:gwent", "rpb:north-wales",
            ],
            wales.Children.Order());
    }

    [Fact]
    public void Parents_are_the_smallest_footprints_strictly_containing_each_footprint()
    {
        foreach (var f in Registry.Footprints)
        {
            var containing = Registry.Footprints.Where(s => StrictlyInside(f, s)).ToList();
            var smallest = containing.Where(p => !containing.Any(between => StrictlyInside(between, p))).Select(p => p.Id);
            Assert.Equal(smallest.Order(), f.Parents.Order());
        }
    }

    [Fact]
    public void Children_are_the_inverse_of_parents()
    {
        foreach (var f in Registry.Footprints)
        {
            foreach (var p in f.Parents) Assert.Contains(f.Id, F(p).Children);
            foreach (var c in f.Children) Assert.Contains(f.Id, F(c).Parents);
        }
    }

    [Fact]
    public void Same_as_is_symmetric_and_means_equal_members()
    {
        foreach (var f in Registry.Footprints)
        foreach (var other in f.SameAs)
        {
            Assert.Contains(f.Id, F(other).SameAs);
            Assert.Equal(f.Members.Select(a => a.Id).Order(), F(other).Members.Select(a => a.Id).Order());
            Assert.DoesNotContain(other, f.Parents);
            Assert.DoesNotContain(other, f.Children);
        }
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
            ["apb:cwm-taf-morgannwg", "csp:cwm-taf", "force:south-wales", "la:merthyr-tydfil", "nation:wales", "psb:cwm-taf-morgannwg", "rpb:cwm-taf-morgannwg"],
            Registry.Containing(Registry.FindAuthority("la:merthyr-tydfil")!).Select(f => f.Id).Order());
    }
}
