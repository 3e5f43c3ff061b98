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
/// <param name="Weight">a survey response's weight; none for a record of an unweighted feed.</param>
public readonly record struct RecordEntry(
    byte Feed, long Version, RecordStatus Status, RecordTime Time, short Authority, short Category, uint Flags,
    RecordWeight Weight = default)
{
    public bool HasContent => Authority >= 0;

    public bool Counts => Status == RecordStatus.Active && HasContent;

    /// <summary>
    /// Same content after normalisation (time, authority, category, flags, weight, status, precision), ignoring
    /// the version. Two cancellations are the same content: both say "withdrawn".
    /// </summary>
    public bool SameContentAs(in RecordEntry other) =>
        Status == other.Status &&
        (Status == RecordStatus.Cancelled ||
         (Time == other.Time && Authority == other.Authority &&
          Category == other.Category && Flags == other.Flags && Weight == other.Weight));

    /// <summary>
    /// What this record adds to which cells while it counts: one to its local day (or its month when only the month
    /// is known) and, when the time of day is known, one to its hour-of-week slot in that month's profile (by feed
    /// and category, without flags). A weighted record also adds its weight and its weight's square to its day or
    /// month (<see cref="CellMeasure"/>); profiles stay counts.
    /// </summary>
    public int GetCells(Span<CellContribution> cells)
    {
        if (!Counts) return 0;
        var n = 0;
        CellKey at;
        if (Time.Precision == RecordPrecision.Instant)
        {
            var local = LondonTime.ToLocal(Time.Instant);
            var day = DateOnly.FromDateTime(local);
            at = CellKey.ForDay(Feed, Category, Flags, day);
            cells[n++] = new(at, 1);
            // The time profile is by feed and category: flags would multiply its cells by every combination seen.
            cells[n++] = new(CellKey.ForHourOfWeek(Feed, Category, 0, MonthIndex.Of(day), LondonTime.HourOfWeek(local)), 1);
        }
        else
        {
            at = Time.Precision == RecordPrecision.Day
                ? CellKey.ForDay(Feed, Category, Flags, Time.Day)
                : CellKey.ForMonth(Feed, Category, Flags, Time.Month);
            cells[n++] = new(at, 1);
        }
        if (Weight.IsWeighted)
        {
            cells[n++] = new(at.WithMeasure(CellMeasure.Weight), Weight.Micros);
            cells[n++] = new(at.WithMeasure(CellMeasure.WeightSquared), Weight.SquareMicros);
        }
        return n;
    }

    public const int MaxCells = 4;
}
