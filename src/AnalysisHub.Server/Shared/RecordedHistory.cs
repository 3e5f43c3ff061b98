using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;

namespace AnalysisHub.Server.Shared;

/// <summary>
/// How much history the exceedance methods read before the first period shown, and where that history really
/// begins. <c>from</c> chooses what is shown, not what a method may look back on; but the periods before a
/// footprint's first record are missing history, not zeros (read as zeros they would make any first count look
/// like an outbreak), so they stay untested.
/// </summary>
internal static class RecordedHistory
{
    /// <summary>Periods a method reads before the period it tests (EARS: baseline and guard band; Farrington: b years
    /// and w periods — the 26 periods it leaves out lie inside that span, so they add nothing).</summary>
    public static int PeriodsBefore(EarsMethod method) => Ears.HistoryNeeded(method);

    /// <inheritdoc cref="PeriodsBefore(EarsMethod)"/>
    public static int PeriodsBefore(FarringtonOptions options) => options.B * options.Frequency + options.W;

    /// <summary>
    /// The index in <paramref name="window"/>'s counts of the first period the methods may read: 0 when the footprint
    /// holds records for the question from before the window, else the window's first period with data (its length
    /// when none). Only a window that starts with zeros needs the extra look before it.
    /// </summary>
    public static async Task<int> DataStartAsync(Func<SeriesQuery, Task<SeriesResult>> read, SeriesQuery window, IReadOnlyList<long> counts)
    {
        var first = -1;
        for (var i = 0; i < counts.Count; i++)
            if (counts[i] > 0) { first = i; break; }
        if (first == 0) return 0;
        var inWindow = first < 0 ? counts.Count : first;
        var earliest = RecordBounds.EarliestStored;
        if (window.Range.From <= earliest) return inWindow;
        // Yearly periods keep the answer small; any record before the window makes its leading zeros real zeros.
        var before = window with { Range = new DateRange(earliest, window.Range.From.AddDays(-1)), Granularity = Granularity.Year };
        var earlier = await read(before);
        return earlier.Total > 0 ? 0 : inWindow;
    }
}
