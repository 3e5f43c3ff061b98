namespace AnalysisHub.Domain.Completeness;

/// <summary>
/// Whether a feed's month arrived whole in an authority, judged from its own history: a month that never arrived,
/// or arrived half, otherwise reads as a fall in crime.
/// <list type="bullet">
/// <item><c>expected</c> is the median of the previous 12 months that had records (null when none had);</item>
/// <item><c>no-history</c> when none of the previous 12 months had records (whatever this month holds);</item>
/// <item><c>missing</c> when the month has no records;</item>
/// <item><c>partial</c> when it has fewer than half of <c>expected</c>;</item>
/// <item><c>complete</c> otherwise.</item>
/// </list>
/// A supplier's declaration overrides the judgement: declared <c>complete</c> is complete, declared <c>withdrawn</c>
/// is <see cref="DeliveryStatus.Withdrawn"/>; <c>expected</c> is reported all the same.
/// </summary>
public static class CompletenessRule
{
    /// <summary>Months of history a month is judged against.</summary>
    public const int HistoryMonths = 12;

    /// <summary>Judges a month of <paramref name="records"/> against the previous months' counts (at most the last 12 are used).</summary>
    public static MonthAssessment Assess(ReadOnlySpan<long> previous, long records, DeclaredDelivery? declared = null)
    {
        if (previous.Length > HistoryMonths) previous = previous[^HistoryMonths..];
        var expected = MedianOfMonthsWithRecords(previous);
        var status = declared switch
        {
            DeclaredDelivery.Complete => DeliveryStatus.Complete,
            DeclaredDelivery.Withdrawn => DeliveryStatus.Withdrawn,
            _ when expected is null => DeliveryStatus.NoHistory,
            _ when records == 0 => DeliveryStatus.Missing,
            _ when records < expected.Value / 2 => DeliveryStatus.Partial,
            _ => DeliveryStatus.Complete,
        };
        return new MonthAssessment(records, expected, status);
    }

    /// <summary>
    /// Judges every month of a sequence from month <paramref name="first"/> on; the months before it serve only as
    /// history. <paramref name="declared"/> gives a month's declaration by its position in <paramref name="counts"/>.
    /// </summary>
    public static MonthAssessment[] AssessFrom(IReadOnlyList<long> counts, int first, Func<int, DeclaredDelivery?>? declared = null)
    {
        var all = counts as long[] ?? counts.ToArray();
        var result = new MonthAssessment[Math.Max(0, all.Length - first)];
        for (var i = first; i < all.Length; i++)
        {
            var from = Math.Max(0, i - HistoryMonths);
            result[i - first] = Assess(all.AsSpan(from, i - from), all[i], declared?.Invoke(i));
        }
        return result;
    }

    /// <summary>The median of the months with records (the mean of the middle two for an even number); null when none had any.</summary>
    public static double? MedianOfMonthsWithRecords(ReadOnlySpan<long> months)
    {
        Span<long> with = stackalloc long[months.Length];
        var n = 0;
        foreach (var m in months)
            if (m > 0) with[n++] = m;
        if (n == 0) return null;
        with = with[..n];
        with.Sort();
        return n % 2 == 1 ? with[n / 2] : (with[n / 2 - 1] + with[n / 2]) / 2.0;
    }
}
