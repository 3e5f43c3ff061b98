using System.Globalization;

namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The mean of <c>n</c> counts for a public audience. The mean times n is their total, itself a count: a mean of
/// 0.75 over four weeks says 3 events. So the mean is withheld when the total is 1–4, and shown as the bound that
/// follows, "&lt;" 5/n ("&lt;1.25" for four weeks).
/// </summary>
/// <param name="Value">the mean, or null when withheld.</param>
/// <param name="Display">the published text: the bound when withheld, else null (the value is published as a number).</param>
public sealed record PublicMean(double? Value, string? Display)
{
    public bool Suppressed => Value is null;

    public static PublicMean Of(long total, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return DisclosureControl.IsPrimarySuppressed(total)
            ? new PublicMean(null, "<" + ((double)DisclosureControl.SmallestShown / n).ToString("0.##", CultureInfo.InvariantCulture))
            : new PublicMean((double)total / n, null);
    }
}
