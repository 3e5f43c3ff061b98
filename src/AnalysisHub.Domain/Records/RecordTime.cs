using AnalysisHub.Domain.Cells;

namespace AnalysisHub.Domain.Records;

/// <summary>
/// When a record happened, as precisely as its source knows it: an instant, a local day, or only a month. Each
/// precision has its own accessor, so a day is never read as milliseconds or a month index as a day.
/// </summary>
/// <remarks>
/// Stored as (<see cref="Precision"/>, <see cref="Value"/>): UTC Unix milliseconds, a local day number, or a month
/// index. The default value is the instant of the Unix epoch, which a record without content (a bare cancellation)
/// carries and never reads.
/// </remarks>
public readonly record struct RecordTime
{
    private RecordTime(RecordPrecision precision, long value)
    {
        Precision = precision;
        Value = value;
    }

    public RecordPrecision Precision { get; }

    /// <summary>The stored number: milliseconds, day number or month index, by <see cref="Precision"/>.</summary>
    public long Value { get; }

    public static RecordTime AtInstant(DateTimeOffset instant) => new(RecordPrecision.Instant, instant.ToUnixTimeMilliseconds());
    public static RecordTime OnDay(DateOnly localDay) => new(RecordPrecision.Day, localDay.DayNumber);
    public static RecordTime InMonth(int monthIndex) => new(RecordPrecision.Month, monthIndex);

    /// <summary>The time as the ledger stores it (its two columns).</summary>
    public static RecordTime FromStored(RecordPrecision precision, long value) => new(precision, value);

    public DateTimeOffset Instant => Precision == RecordPrecision.Instant
        ? DateTimeOffset.FromUnixTimeMilliseconds(Value) : throw Wrong(RecordPrecision.Instant);

    public DateOnly Day => Precision == RecordPrecision.Day ? DateOnly.FromDayNumber((int)Value) : throw Wrong(RecordPrecision.Day);

    /// <summary>The month index (<see cref="MonthIndex"/>) of a month-precision time.</summary>
    public int Month => Precision == RecordPrecision.Month ? (int)Value : throw Wrong(RecordPrecision.Month);

    /// <summary>The time at its precision (a record's generated text would otherwise read the other precisions' accessors).</summary>
    public override string ToString() => Precision switch
    {
        RecordPrecision.Instant => Instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", System.Globalization.CultureInfo.InvariantCulture),
        RecordPrecision.Day => Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => MonthIndex.FirstDay(Month).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
    };

    private InvalidOperationException Wrong(RecordPrecision asked) => new($"a {Precision} time has no {asked} value");
}
