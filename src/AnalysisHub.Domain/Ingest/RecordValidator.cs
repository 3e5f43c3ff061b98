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
public sealed class RecordValidator(GeographyRegistry geography, FeedCatalog catalog, Feed feed, TimeProvider clock,
    RecordBounds? bounds = null)
{
    public const int MaxIdLength = RecordId.MaxLength;

    private readonly RecordBounds _bounds = bounds ?? RecordBounds.Default;
    private readonly DateTimeOffset _earliest = StartOfLocalDay((bounds ?? RecordBounds.Default).Earliest);

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
        if (!raw.HasReadError(RecordFields.Id) && RecordId.Problem(id ?? "") is { } idProblem)
            errors.Add(new(row, RecordFields.Id, idProblem));

        var status = RecordStatus.Active;
        if (raw.Status is { } s)
        {
            if (s == "cancelled") status = RecordStatus.Cancelled;
            else if (s != "active") errors.Add(new(row, RecordFields.Status, $"'{Shorten(s)}' is not a status (expected 'active' or 'cancelled')"));
        }

        var precision = RecordPrecision.Instant;
        if (raw.Precision is { } p)
        {
            if (p == "day") precision = RecordPrecision.Day;
            else if (p == "month") precision = RecordPrecision.Month;
            else if (p != "instant") errors.Add(new(row, RecordFields.Precision, $"'{Shorten(p)}' is not a precision (expected 'instant', 'day' or 'month')"));
        }

        long version = 0;
        if (raw.Version is { } v && (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out version) ||
                                     version is < 1 or > RecordBounds.MaxVersion))
            errors.Add(new(row, RecordFields.Version, $"'{Shorten(v)}' is not an integer from 1 to {RecordBounds.MaxVersion} (2^53)"));

        // A cancellation needs only its id; anything else it carries is still checked.
        var contentRequired = status == RecordStatus.Active;
        var time = default(RecordTime);
        short authority = -1, category = -1;
        uint flags = 0;

        if (raw.OccurredAt is { } when) time = ParseTime(when, precision, row, errors);
        else if (contentRequired && !raw.HasReadError(RecordFields.OccurredAt)) errors.Add(new(row, RecordFields.OccurredAt, "is required"));

        if (raw.Area is { } area)
        {
            if (geography.TryResolveArea(area, out var resolved)) authority = resolved.Index;
            else errors.Add(new(row, RecordFields.Area, $"'{Shorten(area)}' is not a known local-authority (W06…) or 2011 LSOA (W01…) code"));
        }
        else if (contentRequired && !raw.HasReadError(RecordFields.Area)) errors.Add(new(row, RecordFields.Area, "is required"));

        if (raw.Category is { } slug)
        {
            if (feed.FindCategory(slug) is { IsGroup: false } c) category = (short)c.Index;
            else if (feed.FindCategory(slug) is { IsGroup: true } group)
                errors.Add(new(row, RecordFields.Category,
                    $"'{group.Id}' is a group of answers; give one of its members ({string.Join(", ", group.SelfAndDescendants.Skip(1).Select(i => feed.Categories[i].Id))})"));
            else errors.Add(new(row, RecordFields.Category, $"'{Shorten(slug)}' is not a category of feed '{feed.Id}'"));
        }
        else if (contentRequired && !raw.HasReadError(RecordFields.Category)) errors.Add(new(row, RecordFields.Category, "is required"));

        foreach (var flag in raw.Flags ?? [])
        {
            if (catalog.TryGetFlagBit(flag, out var bit)) flags |= 1u << bit;
            else errors.Add(new(row, RecordFields.Flags, $"'{Shorten(flag)}' is not a known flag"));
        }

        var weight = feed.Weighted ? RecordWeight.One : default;
        if (raw.Weight is { } w)
        {
            if (!feed.Weighted) errors.Add(new(row, RecordFields.Weight, $"feed '{feed.Id}' is not weighted; its records carry no weight"));
            else if (RecordWeight.TryParse(w, out weight) is { } weightProblem)
                errors.Add(new(row, RecordFields.Weight, $"'{Shorten(w)}' {weightProblem}"));
        }

        if (errors.Count > before) return null;
        // A cancellation without full content keeps none, so it compares and stores as "withdrawn".
        var complete = authority >= 0 && category >= 0 && raw.OccurredAt is not null;
        var entry = complete
            ? new RecordEntry((byte)feed.Index, version, status, time, authority, category, flags, weight)
            : new RecordEntry((byte)feed.Index, version, status, RecordTime.FromStored(precision, 0), -1, -1, 0);
        return new IncomingRecord(id!, entry);
    }

    private RecordTime ParseTime(string text, RecordPrecision precision, int row, List<RowError> errors)
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
                errors.Add(new(row, RecordFields.OccurredAt, $"'{Shorten(text)}' has no time of day; give a time, or precision 'day' or 'month'"));
                return default;
            }
            // Noon local is unambiguous on every day, including the days the clocks change.
            LondonTime.TryFromLocal(date.ToDateTime(new TimeOnly(12, 0)), out instant);
        }
        else if (!TryParseInstant(text, out instant, out var problem))
        {
            errors.Add(new(row, RecordFields.OccurredAt, problem));
            return default;
        }

        if (instant < _earliest || instant > clock.GetUtcNow() + _bounds.FutureTolerance)
        {
            errors.Add(new(row, RecordFields.OccurredAt,
                $"'{Shorten(text)}' is outside the accepted range ({_bounds.Earliest:yyyy-MM-dd} to {_bounds.FutureTolerance.TotalHours:0} hours after now)"));
            return default;
        }
        var localDay = LondonTime.ToLocalDate(instant);
        return precision switch
        {
            RecordPrecision.Instant => RecordTime.AtInstant(instant),
            RecordPrecision.Day => RecordTime.OnDay(localDay),
            _ => RecordTime.InMonth(MonthIndex.Of(localDay)),
        };
    }

    private static DateTimeOffset StartOfLocalDay(DateOnly day)
    {
        LondonTime.TryFromLocal(day.ToDateTime(TimeOnly.MinValue), out var start);
        return start;
    }

    /// <summary>A value quoted in an error message, cut so that a hostile megabyte is not echoed back.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

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
            problem = $"'{Shorten(text)}' does not exist in Europe/London (the clocks skip that hour)";
            return false;
        }
        instant = default;
        problem = $"'{Shorten(text)}' is not an ISO-8601 date-time (e.g. 2025-06-30T23:30:00Z, or local time 2025-07-01T00:30:00)";
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
