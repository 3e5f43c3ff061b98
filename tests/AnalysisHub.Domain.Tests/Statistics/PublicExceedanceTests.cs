using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

public class PublicExceedanceTests
{
    [Fact]
    public void Ears_reads_its_baseline_and_the_period_itself()
    {
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], PublicExceedance.EarsInputs(EarsMethod.C1, 10));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 12], PublicExceedance.EarsInputs(EarsMethod.C2, 12));
        Assert.Equal(Enumerable.Range(1, 12), PublicExceedance.EarsInputs(EarsMethod.C3, 12));
    }

    [Fact]
    public void Farrington_reads_its_reference_span_and_the_limit54_periods_not_the_26_weeks_between()
    {
        var inputs = PublicExceedance.FarringtonInputs(300).ToList();

        Assert.Equal(Enumerable.Range(300 - 5 * 52 - 3, 5 * 52 + 3 - 27 + 1).Concat([297, 298, 299, 300]), inputs);
        Assert.DoesNotContain(280, inputs);
    }

    [Fact]
    public void A_small_count_among_the_inputs_withholds_the_figures_and_history_before_the_data_does_not()
    {
        long[] counts = [9, 0, 7, 3, 8];

        Assert.False(PublicExceedance.MayShow(counts, [2, 3, 4]));
        Assert.True(PublicExceedance.MayShow(counts, [-2, -1, 0, 1, 2]));
        Assert.True(PublicExceedance.MayShow(counts, [4]));
        Assert.False(PublicExceedance.MayShow(counts, [3]));
    }

    /// <summary>
    /// The figures shown for any period must not change when any count of 1–4 takes another value of 1–4: then
    /// no withheld count can be recovered from them, and the inputs named for each method are all it reads.
    /// </summary>
    [Theory]
    [InlineData(EarsMethod.C1)]
    [InlineData(EarsMethod.C2)]
    [InlineData(EarsMethod.C3)]
    public void Shown_ears_figures_do_not_depend_on_any_withheld_count(EarsMethod method)
    {
        var random = new Random(20251125 + (int)method);
        int shown = 0, withheld = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            // Runs of large counts with small ones now and then, so both outcomes occur.
            var counts = Enumerable.Range(0, 40).Select(_ => random.NextDouble() < 0.12 ? random.Next(1, 5) : (long)random.Next(5, 20)).ToArray();
            for (var t = 0; t < counts.Length; t++)
            {
                if (!PublicExceedance.MayShow(counts, PublicExceedance.EarsInputs(method, t))) { withheld++; continue; }
                shown++;
                var figures = Ears.Evaluate(counts, t, method);
                foreach (var changed in Perturbations(counts))
                    Assert.Equal(figures, Ears.Evaluate(changed, t, method));
            }
        }
        Assert.True(shown > 50 && withheld > 50, $"{shown} shown, {withheld} withheld");
    }

    [Fact]
    public void Shown_farrington_figures_do_not_depend_on_any_withheld_count()
    {
        var random = new Random(20251126);
        var counts = Enumerable.Range(0, 330).Select(i => (long)(20 + 8 * Math.Sin(2 * Math.PI * i / 52)) + random.Next(0, 6)).ToArray();
        // Small counts inside the 26 weeks Farrington leaves out for t = 314…326, and read by the others.
        for (var i = 300; i <= 310; i++) counts[i] = random.Next(1, 5);
        int shown = 0, withheld = 0;
        for (var t = 311; t < counts.Length; t++)
        {
            if (!PublicExceedance.MayShow(counts, PublicExceedance.FarringtonInputs(t))) { withheld++; continue; }
            shown++;
            var figures = Farrington.Evaluate(counts, t);
            Assert.NotNull(figures);
            foreach (var changed in Perturbations(counts))
                Assert.Equal(figures, Farrington.Evaluate(changed, t));
        }
        Assert.Equal(13, shown);
        Assert.Equal(6, withheld);
    }

    // Every series that differs from counts in one count of 1–4, changed to another value of 1–4.
    private static IEnumerable<long[]> Perturbations(long[] counts)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            if (!DisclosureControl.IsPrimarySuppressed(counts[i])) continue;
            for (long other = 1; other < DisclosureControl.SmallestShown; other++)
            {
                if (other == counts[i]) continue;
                var changed = (long[])counts.Clone();
                changed[i] = other;
                yield return changed;
            }
        }
    }
}
