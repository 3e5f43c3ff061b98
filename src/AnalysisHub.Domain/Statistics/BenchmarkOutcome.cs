namespace AnalysisHub.Domain.Statistics;

/// <summary>Where an area stands against its benchmark (Wales, or the parent footprint).</summary>
public enum BenchmarkOutcome
{
    /// <summary>The count is suppressed, so publishing a comparison would leak it.</summary>
    NotCompared,
    Lower,
    Similar,
    Higher,
}

/// <summary>The slugs the API and the outputs use for <see cref="BenchmarkOutcome"/>.</summary>
public static class BenchmarkOutcomeSlug
{
    public static string ToSlug(this BenchmarkOutcome outcome) => outcome switch
    {
        BenchmarkOutcome.Higher => "higher",
        BenchmarkOutcome.Similar => "similar",
        BenchmarkOutcome.Lower => "lower",
        BenchmarkOutcome.NotCompared => "not-compared",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
