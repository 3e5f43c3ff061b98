namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// A count as a public audience may see it: <see cref="Value"/> is null when the count is withheld, either
/// because it is 1–4 (primary) or because showing it would let a suppressed count be derived (secondary).
/// </summary>
public sealed record DisclosedCount(long? Value, bool Suppressed, bool Secondary)
{
    /// <summary>The published text: the count, or <c>&lt;5</c> for a withheld one.</summary>
    public string Display => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? DisclosureControl.SuppressedText;
}
