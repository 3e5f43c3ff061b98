namespace AnalysisHub.Domain.Vocabulary;

/// <summary>
/// A survey indicator defined in the vocabulary: the weighted share of a feed's responses whose answer is in
/// <see cref="Numerator"/>, out of those in <see cref="Denominator"/> (every answer, "don't know" included, unless the
/// file says otherwise).
/// </summary>
public sealed class Indicator
{
    public required string Id { get; init; }
    public string? Name { get; init; }

    /// <summary>The survey question whose answers it counts, as asked.</summary>
    public string? Question { get; init; }

    public required Feed Feed { get; init; }

    /// <summary>Category indexes of the answers counted above the line (descendants included).</summary>
    public required IReadOnlyList<int> Numerator { get; init; }

    /// <summary>Category indexes of the answers counted below the line; a superset of <see cref="Numerator"/>.</summary>
    public required IReadOnlyList<int> Denominator { get; init; }

    /// <summary>The slugs the file named, for describing the indicator.</summary>
    public required IReadOnlyList<string> NumeratorCategories { get; init; }
    public required IReadOnlyList<string> DenominatorCategories { get; init; }
}
