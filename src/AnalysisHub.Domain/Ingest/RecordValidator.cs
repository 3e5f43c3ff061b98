using System.Globalization;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Domain.Ingest;

/// <summary>
/// Checks one raw row against the record contract and normalises it. Reports every bad field, not just the
/// first, so a source can fix a file in one pass.
/// </summary>
public sealed class RecordValidator(GeographyRegistry geography, FeedCatalog catalog, Feed feed, TimeProvider clock)
{
    public const int MaxIdLength = 128;

    /// <summary>Records may be dated up to this far ahead of the server clock (clock skew between sources).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>No record is dated before this local day (a day's margin below <see cref="Earliest"/> for the clock).</summary>
    public static DateOnly EarliestDay { get; } = DateOnly.FromDateTime(Earliest.UtcDateTime).AddDays(-1);

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
    ];

    public IncomingRecord? Validate(RawRecord raw, int row, List<RowError> errors)
    {
        var before = errors.Count;
        foreach (var (field, message) in raw.ReadErrors ?? []) errors.Add(new(row, field, message));

        var id = raw.Id;
        if (string.IsNullOrEmpty(id))
        {
            if (!raw.HasReadError(RecordFields.Id)) errors.Add(new(row, RecordFields.Id, "is required"));
        }
        else if (id.Length > MaxIdLength) errors.Add(new(row, RecordFields.Id, $"is longer than {MaxIdLength} characters"));
        else if (id.Any(char.IsControl)) errors.Add(new(row, RecordFields.Id, "contains a control character"));

        var status = RecordStatus.Active;
        if (raw.Status is { } s)
        {
            if (s == "cancelled") status = RecordStatus.Cancelled;
            else if (s != "active") errors.Add(new(row, RecordFields.Status, $"'{s}' is not a status (expected 'active' or 'cancelled')"));
        }

        var precision = RecordPrecision.Instant;
        if (raw.Precision is { } p)
        {
            if (p == "day") precision = RecordPrecision.Day;
            else if (p == "month") precision = RecordPrecision.Month;
            else if (p != "instant") errors.Add(new(row, RecordFields.Precision, $"'{p}' is not a precision (expected 'instant', 'day' or 'month')"));
        }

        long version = 0;
        if (raw.Version is { } v && (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1))
            errors.Add(new(row, RecordFields.Version, $"'{v}' is not an integer ≥ 1"));

        // A cancellation needs only its id; anything else it carries is still checked.
        var contentRequired = status == RecordStatus.Active;
        long time = 0;
        short authority = -1, category = -1;
        uint flags = 0;

        if (raw.OccurredAt is { } when) time = ParseTime(when, precision, row, errors);
        else if (contentRequired && !raw.HasReadError(RecordFields.OccurredAt)) errors.Add(new(row, RecordFields.OccurredAt, "is required"));

        if (raw.Area is { } area)
        {
            if (geography.TryResolveArea(area, out var index)) authority = (short)index;
            else errors.Add(new(row, RecordFields.Area, $"'{area}' is not a known local-authority (W06…) or 2011 LSOA (W01…) code"));
        }
        else if (contentRequired && !raw.HasReadError(RecordFields.Area)) errors.Add(new(row, RecordFields.Area, "is required"));

        if (raw.Category is { } slug)
        {
            if (feed.FindCategory(slug) is { } c) category = (short)c.Index;
            else errors.Add(new(row, RecordFields.Category, $"'{slug}' is not a category of feed '{feed.Id}'"));
        }
        else if (contentRequired && !raw.HasReadError(RecordFields.Category)) errors.Add(new(row, RecordFields.Category, "is required"));

        foreach (var flag in raw.Flags ?? [])
        {
            if (catalog.TryGetFlagBit(flag, out var bit)) flags |= 1u << bit;
            else errors.Add(new(row, RecordFields.Flags, $"'{flag}' is not a known flag"));
        }

        if (errors.Count > before) return null;
        // A cancellation without full content keeps none, so it compares and stores as "withdrawn".
        var complete = authority >= 0 && category >= 0 && raw.OccurredAt is not null;
        var entry = complete
            ? new RecordEntry((byte)feed.Index, version, status, precision, time, authority, category, flags)
            : new RecordEntry((byte)feed.Index, version, status, precision, 0, -1, -1, 0);
        return new IncomingRecord(id!, entry);
    }

    private long ParseTime(string text, RecordPrecision precision, int row, List<RowError> errors)
    {
        DateTimeOffset instant;
        if (text.Length == 7 && precision == RecordPrecision.Month &&
            DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var monthStart))
        {
            instant = new DateTimeOffset(monthStart.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        }
        else if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (precision == RecordPrecision.Instant)
            {
                errors.Add(new(row, RecordFields.OccurredAt, $"'{text}' has no time of day; give a time, or precision 'day' or 'month'"));
                return 0;
            }
            // Noon local is unambiguous on every day, including the days the clocks change.
            LondonTime.TryFromLocal(date.ToDateTime(new TimeOnly(12, 0)), out instant);
        }
        else if (!TryParseInstant(text, out instant, out var problem))
        {
            errors.Add(new(row, RecordFields.OccurredAt, problem));
            return 0;
        }

        if (instant < Earliest || instant > clock.GetUtcNow() + FutureTolerance)
        {
            errors.Add(new(row, RecordFields.OccurredAt, $"'{text}' is outside the accepted range (1900 to tomorrow)"));
            return 0;
        }
        var localDay = LondonTime.ToLocalDate(instant);
        return precision switch
        {
            RecordPrecision.Instant => instant.ToUnixTimeMilliseconds(),
            RecordPrecision.Day => localDay.DayNumber,
            _ => MonthIndex.Of(localDay),
        };
    }

    private static bool TryParseInstant(string text, out DateTimeOffset instant, out string problem)
    {
        problem = "";
        if (IsoInstant.TryParse(text, out instant)) return true;
        if (HasOffset(text))
        {
            if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
                return true;
        }
        else if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (LondonTime.TryFromLocal(local, out instant)) return true;
            problem = $"'{text}' does not exist in Europe/London (the clocks skip that hour)";
            return false;
        }
        instant = default;
        problem = $"'{text}' is not an ISO-8601 date-time (e.g. 2025-06-30T23:30:00Z, or local time 2025-07-01T00:30:00)";
        return false;
    }

    /// <summary>True when the time part ends with Z or a ±hh:mm offset.</summary>
    private static bool HasOffset(string text)
    {
        if (text.Length < 11) return false;
        if (text[^1] is 'Z' or 'z') return true;
        var timePart = text.AsSpan(11);
        return timePart.IndexOfAny('+', '-') >= 0;
    }
}
