namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// A total and the parts it adds up (a series' periods, a profile's hours), as a public audience may see them.
/// Each part of 1–4 is withheld; the total is shown only when no part is withheld. A shown total beside its parts
/// is a sum: with one part withheld it gives that part by subtraction, and with several it bounds them (two
/// withheld parts leaving 2 must both be 1). Withholding the total instead of further parts keeps every period
/// that can be shown, and leaves the output with no sum at all, so each withheld part stands alone as
/// "one of 1, 2, 3 or 4". The withheld total carries no "&lt;5" label: it can be any size, and a label would
/// be a bound of its own.
/// </summary>
/// <param name="Parts">each part, in the order given.</param>
/// <param name="Total">the sum of the parts, or null when it is withheld.</param>
public sealed record PublicBreakdown(IReadOnlyList<DisclosedCount> Parts, long? Total)
{
    /// <summary>The total is withheld because a part is.</summary>
    public bool TotalWithheld => Total is null;

    public static PublicBreakdown Of(IReadOnlyList<long> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var disclosed = parts.Select(DisclosureControl.Disclose).ToArray();
        // A total of 1–4 always has a part of 1–4, so it is withheld here too.
        return new PublicBreakdown(disclosed, disclosed.Any(p => p.Suppressed) ? null : parts.Sum());
    }
}
