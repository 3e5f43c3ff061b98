namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// A count as a public audience may see it: <see cref="Value"/> is null when the count is withheld, either
/// because it is 1–4 (primary) or because showing it would let a suppressed count be derived (secondary).
/// </summary>
public sealed record DisclosedCount(long? Value, bool Suppressed, bool Secondary)
{
    /// <summary>
    /// The published text: the count; <c>&lt;5</c> for a count of 1–4; <c>*</c> for a count withheld only to
    /// protect another (it may be 0 or large, so calling it "&lt;5" would be false).
    /// </summary>
    public string Display => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                             ?? (Secondary ? DisclosureControl.ComplementaryText : DisclosureControl.SuppressedText);
}
