namespace AnalysisHub.Domain.Completeness;

/// <summary>
/// A feed that delivers daily and has fallen silent: no records on the last <see cref="SilentDays"/> complete days in
/// an authority, where it had records on at least <see cref="DaysWithRecordsNeeded"/> of the
/// <see cref="HistoryDays"/> days before the silence began. Days are the days records count in (their local day).
/// </summary>
/// <param name="Start">the first silent day.</param>
/// <param name="DaysSilent">how many days the silence has lasted, up to the last complete day.</param>
/// <param name="DailyMean">records a day over the <see cref="HistoryDays"/> days before <paramref name="Start"/>.</param>
public sealed record FeedSilence(DateOnly Start, int DaysSilent, double DailyMean)
{
    /// <summary>Days of history that decide whether a feed delivers daily.</summary>
    public const int HistoryDays = 28;

    /// <summary>"Most days": a feed delivers daily when at least this many of the <see cref="HistoryDays"/> days had records (three in four).</summary>
    public const int DaysWithRecordsNeeded = 21;

    /// <summary>Silent days that raise the alert.</summary>
    public const int SilentDays = 2;

    /// <summary>The method name alerts of a silence carry.</summary>
    public const string Method = "silence";

    /// <summary>
    /// The silence at the end of <paramref name="days"/> (daily counts, the last one the last complete day, the first
    /// <paramref name="firstDay"/>), or null: fewer than <see cref="SilentDays"/> silent days at the end, too little
    /// seen before them, or a feed that did not deliver daily before the silence.
    /// </summary>
    public static FeedSilence? Find(IReadOnlyList<long> days, DateOnly firstDay)
    {
        var start = days.Count;
        while (start > 0 && days[start - 1] == 0) start--;
        var silent = days.Count - start;
        if (silent < SilentDays || start < HistoryDays) return null;
        var withRecords = 0;
        long total = 0;
        for (var i = start - HistoryDays; i < start; i++)
        {
            if (days[i] > 0) withRecords++;
            total += days[i];
        }
        return withRecords >= DaysWithRecordsNeeded ? new FeedSilence(firstDay.AddDays(start), silent, total / (double)HistoryDays) : null;
    }
}
