namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// The sums a weighted survey proportion is built from, kept rather than the proportion so that areas and periods
/// combine by adding them: <see cref="UnweightedBase"/> counts the responses (don't-know included),
/// <see cref="Numerator"/> is Σw over the agreeing answers, <see cref="Denominator"/> Σw over all answers and
/// <see cref="SumOfSquares"/> Σw² over all answers (for the effective base).
/// </summary>
public readonly record struct WeightedSums(long UnweightedBase, double Numerator, double Denominator, double SumOfSquares)
{
    public static WeightedSums Zero => default;

    /// <summary>The sums of a single answer with survey weight <paramref name="weight"/>.</summary>
    public static WeightedSums Response(double weight, bool agrees)
    {
        // A zero weight is allowed (the answer counts in the base but carries no weight); a negative or non-finite
        // one is a broken weighting, and would make the sums meaningless.
        if (!(weight >= 0) || double.IsInfinity(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A survey weight must be finite and not negative.");
        return new WeightedSums(1, agrees ? weight : 0, weight, weight * weight);
    }

    public WeightedSums Add(WeightedSums other) => new(
        UnweightedBase + other.UnweightedBase,
        Numerator + other.Numerator,
        Denominator + other.Denominator,
        SumOfSquares + other.SumOfSquares);

    public static WeightedSums operator +(WeightedSums left, WeightedSums right) => left.Add(right);
}
