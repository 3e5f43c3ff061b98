using AnalysisHub.Domain.Completeness;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Completeness;

/// <summary>
/// The status rule of a feed's month, against a model written from its definition: the median of the previous 12
/// months that had records is what is expected; no such month → no-history; no records → missing; fewer than half
/// the median → partial; otherwise complete; a supplier's declaration wins.
/// </summary>
public sealed class CompletenessRuleTests
{
    /// <summary>The model: the definition read literally, over the whole sequence.</summary>
    private static (string Status, double? Expected) Model(IReadOnlyList<long> counts, int month, DeclaredDelivery? declared)
    {
        var previous = new List<long>();
        for (var k = month - 12; k < month; k++)
            if (k >= 0 && counts[k] > 0) previous.Add(counts[k]);
        previous.Sort();
        double? median = previous.Count == 0 ? null
            : previous.Count % 2 == 1 ? previous[previous.Count / 2]
            : (previous[previous.Count / 2 - 1] + previous[previous.Count / 2]) / 2.0;
        if (declared == DeclaredDelivery.Complete) return ("complete", median);
        if (declared == DeclaredDelivery.Withdrawn) return ("withdrawn", median);
        if (median is null) return ("no-history", null);
        if (counts[month] == 0) return ("missing", median);
        // "fewer than half the median": twice the records below the median, in whole numbers where the median allows.
        if (2 * counts[month] < median) return ("partial", median);
        return ("complete", median);
    }

    // Counts that make every status likely: runs of zeros (missing, no-history), small and large months, repeats.
    private static readonly Gen<long> Month = Gen.Frequency((3, Gen.Const(0L)), (4, Gen.Long[1, 12]), (2, Gen.Long[10, 400]));

    private static readonly Gen<DeclaredDelivery?> Declaration = Gen.Frequency(
        (8, Gen.Const((DeclaredDelivery?)null)), (1, Gen.Const((DeclaredDelivery?)DeclaredDelivery.Complete)), (1, Gen.Const((DeclaredDelivery?)DeclaredDelivery.Withdrawn)));

    [Fact]
    public void Every_month_of_a_generated_history_is_judged_as_the_definition_says()
    {
        Gen.Select(Month.Array[0, 40], Declaration.Array[40], Gen.Int[0, 14]).Sample((counts, declared, first) =>
        {
            var start = Math.Min(first, counts.Length);
            var judged = CompletenessRule.AssessFrom(counts, start, i => declared[i]);
            Assert.Equal(counts.Length - start, judged.Length);
            for (var i = start; i < counts.Length; i++)
            {
                var (status, expected) = Model(counts, i, declared[i]);
                var actual = judged[i - start];
                Assert.Equal(status, actual.Status.ToSlug());
                Assert.Equal(expected, actual.Expected);
                Assert.Equal(counts[i], actual.Records);
            }
        }, iter: 2000);
    }

    [Theory]
    // history (oldest first), records → status, expected
    [InlineData(new long[] { }, 5, "no-history", null)]
    [InlineData(new long[] { 0, 0, 0 }, 0, "no-history", null)]
    [InlineData(new long[] { 10, 0, 20 }, 0, "missing", 15.0)]
    [InlineData(new long[] { 10, 0, 20 }, 7, "partial", 15.0)]
    [InlineData(new long[] { 10, 0, 20 }, 8, "complete", 15.0)] // 8 is not fewer than half of 15
    [InlineData(new long[] { 10, 12, 100 }, 7, "complete", 12.0)] // the median, not the mean (40.7), which would say partial
    [InlineData(new long[] { 10, 10, 10, 10 }, 5, "complete", 10.0)] // exactly half is not fewer than half
    [InlineData(new long[] { 10, 10, 10, 10 }, 4, "partial", 10.0)]
    public void Listed_months_are_judged_as_the_definition_says(long[] history, long records, string status, double? expected)
    {
        var judged = CompletenessRule.Assess(history, records);
        Assert.Equal((status, expected), (judged.Status.ToSlug(), judged.Expected));
    }

    [Fact]
    public void Only_the_last_12_months_are_history()
    {
        // Thirteen months back held records; the twelve since did not: nothing to judge against.
        long[] history = [50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(DeliveryStatus.NoHistory, CompletenessRule.Assess(history, 0).Status);
    }

    [Fact]
    public void A_declaration_overrides_the_judgement_and_keeps_the_expected_figure()
    {
        Assert.Equal(new MonthAssessment(0, 20, DeliveryStatus.Complete), CompletenessRule.Assess([20, 20], 0, DeclaredDelivery.Complete));
        Assert.Equal(new MonthAssessment(25, 20, DeliveryStatus.Withdrawn), CompletenessRule.Assess([20, 20], 25, DeclaredDelivery.Withdrawn));
        Assert.Equal(new MonthAssessment(3, null, DeliveryStatus.Complete), CompletenessRule.Assess([], 3, DeclaredDelivery.Complete));
    }
}
