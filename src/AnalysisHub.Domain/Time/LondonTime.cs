namespace AnalysisHub.Domain.Time;

/// <summary>
/// Europe/London civil time: every count is by local day, so a record at 23:30 UTC on 30 June (00:30 BST)
/// counts on 1 July.
/// </summary>
// Implementation note: the BCL's TimeZoneInfo reads the system tz database (Debian ships tzdata; the
// container image installs it). NodaTime would carry its own copy, but the BCL is enough for conversions
// and the invalid/ambiguous rules below, and keeps the domain free of dependencies.
public static class LondonTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTime ToLocal(DateTimeOffset instant)
    {
        // London's offset changes only on a whole UTC hour, so it is cached per UTC hour: every record is
        // converted at least once on ingest, and TimeZoneInfo's conversion costs ten times a cache hit.
        var utc = instant.UtcDateTime;
        var hour = utc.Ticks / TimeSpan.TicksPerHour;
        var slot = (int)(hour & (OffsetCacheSize - 1));
        var cached = OffsetCache[slot]; // one 64-bit read: the hour tag and the offset travel together
        if (cached >> 16 != hour)
        {
            var minutes = (int)Zone.GetUtcOffset(utc).TotalMinutes;
            cached = hour << 16 | (uint)(ushort)(short)minutes;
            OffsetCache[slot] = cached;
        }
        return new DateTime(utc.Ticks + (short)(ushort)(cached & 0xFFFF) * TimeSpan.TicksPerMinute, DateTimeKind.Unspecified);
    }

    private const int OffsetCacheSize = 1 << 16;
    private static readonly long[] OffsetCache = CreateOffsetCache();

    private static long[] CreateOffsetCache()
    {
        var cache = new long[OffsetCacheSize];
        Array.Fill(cache, -1L << 16); // a tag no hour has
        return cache;
    }

    public static DateOnly ToLocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>Today's date in London according to <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => ToLocalDate(clock.GetUtcNow());

    /// <summary>
    /// Reads a wall-clock time in London. A time the clocks skip (01:30 on the last Sunday of March) does
    /// not exist and is rejected; a time that occurs twice (01:30 on the last Sunday of October) is read as
    /// the first occurrence, still on summer time.
    /// </summary>
    public static bool TryFromLocal(DateTime local, out DateTimeOffset instant)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            instant = default;
            return false;
        }
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        instant = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>Hour of the week in local time, Monday 00:00–00:59 = 0 … Sunday 23:00–23:59 = 167.</summary>
    public static int HourOfWeek(DateTime local) => ((int)local.DayOfWeek + 6) % 7 * 24 + local.Hour;
}
