namespace AnalysisHub.Domain.Cells;

/// <summary>
/// The unit of aggregation: (feed, category, flags, time) where time is a local day, a month (for
/// month-precision records) or a month's hour-of-week slot. Authorities are not part of the key: each
/// authority's cells live in its own grain, and footprints sum them.
/// </summary>
// Implementation note: packed into 12 bytes (a ulong and the flags mask) because footprints hold
// hundreds of thousands of these and hash them on every update.
public readonly struct CellKey : IEquatable<CellKey>
{
    // bits 0–23 time (day number or month index), 24–31 slot, 32–47 category, 48–55 feed, 56–57 kind.
    private readonly ulong _packed;

    public CellKey(CellKind kind, int feed, int category, uint flags, int time, int slot = 0)
    {
        _packed = (uint)time & 0xFFFFFFul | (ulong)(byte)slot << 24 | (ulong)(ushort)category << 32 |
                  (ulong)(byte)feed << 48 | (ulong)kind << 56;
        Flags = flags;
    }

    private CellKey(ulong packed, uint flags)
    {
        _packed = packed;
        Flags = flags;
    }

    public CellKind Kind => (CellKind)(_packed >> 56);
    public int Feed => (byte)(_packed >> 48);
    public int Category => (ushort)(_packed >> 32);
    public uint Flags { get; }
    public int Time => (int)(_packed & 0xFFFFFF);
    public int Slot => (byte)(_packed >> 24);

    public static CellKey ForDay(int feed, int category, uint flags, DateOnly day) =>
        new(CellKind.Day, feed, category, flags, day.DayNumber);

    public static CellKey ForMonth(int feed, int category, uint flags, int monthIndex) =>
        new(CellKind.Month, feed, category, flags, monthIndex);

    public static CellKey ForHourOfWeek(int feed, int category, uint flags, int monthIndex, int hourOfWeek) =>
        new(CellKind.HourOfWeek, feed, category, flags, monthIndex, hourOfWeek);

    /// <summary>The same cell for another measure of its category (<see cref="CellMeasure"/>).</summary>
    public CellKey WithMeasure(CellMeasure measure) => new(Kind, Feed, CellMeasures.Category(Category, measure), Flags, Time, Slot);

    /// <summary>The series this cell belongs to: the key with its time and slot cleared.</summary>
    public CellKey Series => new(_packed & 0xFFFF_FFFF_0000_0000ul, Flags);

    public ulong Packed => _packed;

    public static CellKey FromPacked(ulong packed, uint flags) => new(packed, flags);

    public bool Equals(CellKey other) => _packed == other._packed && Flags == other.Flags;
    public override bool Equals(object? obj) => obj is CellKey other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_packed, Flags);
    public static bool operator ==(CellKey a, CellKey b) => a.Equals(b);
    public static bool operator !=(CellKey a, CellKey b) => !a.Equals(b);

    public override string ToString() => $"{Kind} feed={Feed} cat={Category} flags={Flags:X} time={Time} slot={Slot}";
}
