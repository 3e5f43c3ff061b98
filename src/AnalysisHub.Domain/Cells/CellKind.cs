namespace AnalysisHub.Domain.Cells;

public enum CellKind : byte
{
    /// <summary>A local day's count.</summary>
    Day = 0,
    /// <summary>A month's count of records known only to the month.</summary>
    Month = 1,
    /// <summary>One hour-of-week slot (0–167) of a month's time profile.</summary>
    HourOfWeek = 2,
}
