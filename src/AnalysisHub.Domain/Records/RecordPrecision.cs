namespace AnalysisHub.Domain.Records;

/// <summary>How precisely a record's time is known.</summary>
public enum RecordPrecision : byte
{
    /// <summary>A moment: counts on its local day and in its hour-of-week profile.</summary>
    Instant = 0,
    /// <summary>A local day, no time of day: counts on the day but in no hour.</summary>
    Day = 1,
    /// <summary>A month only (data.police.uk): counts in month, quarter and year periods, never in a day or week.</summary>
    Month = 2,
}
