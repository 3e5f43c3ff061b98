using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Time;

namespace AnalysisHub.Domain.Records;

/// <summary>
/// A record's normalised state as the ledger keeps it: everything that decides where it counts, and
/// nothing personal. A cancellation may carry no content (<see cref="HasContent"/> false).
/// </summary>
/// <param name="Feed">feed index in the catalog.</param>
/// <param name="Version">the source's version, 0 when none was given.</param>
/// <param name="Time">when it happened, at its precision.</param>
/// <param name="Authority">authority index in the registry, or -1 when absent.</param>
/// <param name="Category">category index in the feed, or -1 when absent.</param>
/// <param name="Flags">bit mask over the catalog's flags.</param>
public readonly record struct RecordEntry(
    byte Feed, long Version, RecordStatus Status, RecordTime Time, short Authority, short Category, uint Flags)
{
    public bool HasContent => Authority >= 0;

    public bool Counts => Status == RecordStatus.Active && HasContent;

    /// <summary>
    /// Same content after normalisation (time, authority, category, flags, status, precision), ignoring the
    /// version. Two cancellations are the same content: both say "withdrawn".
    /// </summary>
    public bool SameContentAs(in RecordEntry other) =>
        Status == other.Status &&
        (Status == RecordStatus.Cancelled ||
         (Time == other.Time && Authority == other.Authority &&
          Category == other.Category && Flags == other.Flags));

    /// <summary>
    /// The cells this record adds one to while it counts: its local day (or its month when only the month is
    /// known) and, when the time of day is known, its hour-of-week slot in that month's profile (by feed and
    /// category, without flags).
    /// </summary>
    public int GetCells(Span<CellKey> cells)
    {
        if (!Counts) return 0;
        switch (Time.Precision)
        {
            case RecordPrecision.Instant:
                var local = LondonTime.ToLocal(Time.Instant);
                var day = DateOnly.FromDateTime(local);
                cells[0] = CellKey.ForDay(Feed, Category, Flags, day);
                // The time profile is by feed and category: flags would multiply its cells by every combination seen.
                cells[1] = CellKey.ForHourOfWeek(Feed, Category, 0, MonthIndex.Of(day), LondonTime.HourOfWeek(local));
                return 2;
            case RecordPrecision.Day:
                cells[0] = CellKey.ForDay(Feed, Category, Flags, Time.Day);
                return 1;
            default:
                cells[0] = CellKey.ForMonth(Feed, Category, Flags, Time.Month);
                return 1;
        }
    }

    public const int MaxCells = 2;
}
