using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

public class PublicBreakdownTests
{
    [Fact]
    public void Parts_of_one_to_four_are_withheld_and_so_is_the_total_beside_them()
    {
        var breakdown = PublicBreakdown.Of([12, 3, 0, 40]);

        Assert.Equal(["12", "<5", "0", "40"], breakdown.Parts.Select(p => p.Display));
        Assert.Equal([false, true, false, false], breakdown.Parts.Select(p => p.Suppressed));
        Assert.Null(breakdown.Total);
        Assert.True(breakdown.TotalWithheld);
    }

    [Fact]
    public void With_nothing_withheld_the_total_is_shown()
    {
        var breakdown = PublicBreakdown.Of([12, 5, 0, 40]);

        Assert.Equal(57, breakdown.Total);
        Assert.False(breakdown.TotalWithheld);
        Assert.All(breakdown.Parts, p => Assert.False(p.Suppressed));
    }

    [Fact]
    public void A_small_total_is_withheld_with_its_parts_and_zeros_stay_zero()
    {
        Assert.Null(PublicBreakdown.Of([0, 2, 0, 1]).Total);
        Assert.Equal(0, PublicBreakdown.Of([0, 0, 0]).Total);
        Assert.Equal(0, PublicBreakdown.Of([]).Total);
    }

    [Fact]
    public void Any_withheld_part_can_take_another_value_without_changing_what_is_published()
    {
        // What a public audience sees is the same whatever each withheld part is within 1–4: nothing recovers it.
        var random = new Random(20251124);
        for (var trial = 0; trial < 500; trial++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 30)).Select(_ => (long)random.Next(0, 9)).ToArray();
            var published = Published(PublicBreakdown.Of(parts));
            for (var i = 0; i < parts.Length; i++)
            {
                if (!DisclosureControl.IsPrimarySuppressed(parts[i])) continue;
                for (long other = 1; other < DisclosureControl.SmallestShown; other++)
                {
                    var changed = (long[])parts.Clone();
                    changed[i] = other;
                    Assert.Equal(published, Published(PublicBreakdown.Of(changed)));
                }
            }
        }
    }

    private static string Published(PublicBreakdown b) => string.Join(",", b.Parts.Select(p => p.Display)) + "|" + b.Total;
}
