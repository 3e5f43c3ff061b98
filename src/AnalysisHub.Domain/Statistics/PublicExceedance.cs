namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// Which exceedance figures a public audience may see. A period's expected value, threshold, statistic and alarm
/// are computed from counts — its own and its baseline's — and each can give a count back: the statistic is
/// (count − expected)/sd; the expected value is a baseline mean, so two successive ones differ by (newest − oldest)/7;
/// the threshold adds the baseline's sd (its sum of squares); and an alarm beside a threshold bounds the count
/// (no alarm under a threshold of 1.8 means a withheld count was 1). So the figures of a period are shown only when
/// none of the counts they are computed from is 1–4: every figure shown is then a function of counts that may be
/// shown, and no withheld count can be recovered from them.
/// </summary>
public static class PublicExceedance
{
    /// <summary>The periods EARS reads to test period <paramref name="t"/>: C1 t−7…t; C2 t−9…t−3 and t;
    /// C3 t−11…t (the C2 statistics of t−2, t−1 and t).</summary>
    public static IEnumerable<int> EarsInputs(EarsMethod method, int t) => method switch
    {
        EarsMethod.C1 => Span(t - Ears.BaselineLength, t),
        EarsMethod.C2 => Span(t - Ears.HistoryNeeded(EarsMethod.C2), t - 3).Append(t),
        EarsMethod.C3 => Span(t - Ears.HistoryNeeded(EarsMethod.C3), t),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>The periods Farrington-flexible reads to test period <paramref name="t"/>: the reference span
    /// t − b·52 − w … t − 27 (read whole: the GLM, its trend test and weights see all of it) and the limit54 periods
    /// up to t.</summary>
    public static IEnumerable<int> FarringtonInputs(int t, FarringtonOptions? options = null)
    {
        var o = options ?? FarringtonOptions.Noufaily;
        return Span(t - o.B * o.Frequency - o.W, t - o.PastWeeksNotIncluded - 1).Concat(Span(t - o.Limit54Periods + 1, t));
    }

    /// <summary>True when no count among <paramref name="inputs"/> is 1–4. Periods outside
    /// <paramref name="counts"/> (before the first period with data) are not read by the methods, so they do not count.</summary>
    public static bool MayShow(IReadOnlyList<long> counts, IEnumerable<int> inputs)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Where(i => i >= 0 && i < counts.Count).All(i => !DisclosureControl.IsPrimarySuppressed(counts[i]));
    }

    private static IEnumerable<int> Span(int from, int to) => from > to ? [] : Enumerable.Range(from, to - from + 1);
}
