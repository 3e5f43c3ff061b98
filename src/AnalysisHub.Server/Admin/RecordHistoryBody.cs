using System.Globalization;
using System.Text.Json.Serialization;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Records;
using AnalysisHub.Storage;

namespace AnalysisHub.Server.Admin;

/// <summary>The answer of <c>GET /api/v1/admin/records/{feed}/{id}</c>: the current state (null when none) and the versions, oldest first.</summary>
public sealed record RecordHistoryBody(string Feed, string Id, RecordStateBody? Current, IReadOnlyList<RecordVersionBody> Versions)
{
    public static RecordHistoryBody From(string feed, string id, RecordHistory history) =>
        new(feed, id, history.Current is { } current ? RecordStateBody.From(current) : null,
            history.Versions.Select(RecordVersionBody.From).ToList());
}

/// <summary>
/// A record's state in the record contract's words. A cancellation by id alone says nothing of when, where or what,
/// so those fields are left out.
/// </summary>
public sealed record RecordStateBody(
    long Version,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OccurredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Area,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Flags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Weight)
{
    public static RecordStateBody From(StoredRecord stored) =>
        new(stored.Version, StoredText.Status(stored), StoredText.OccurredAt(stored), stored.Authority,
            stored.HasContent ? stored.Category : null, StoredText.Flags(stored), StoredText.Weight(stored));
}

/// <summary>One version: when it was committed, the key that sent it (null when none was known), what it said and its outcome.</summary>
public sealed record RecordVersionBody(
    DateTimeOffset At,
    string? KeyId,
    long Version,
    string Status,
    string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OccurredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Area,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Flags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Weight)
{
    public static RecordVersionBody From(RecordVersion version)
    {
        var stored = version.Content;
        return new(version.At, version.KeyId, stored.Version, StoredText.Status(stored), version.Outcome.Slug(),
            StoredText.OccurredAt(stored), stored.Authority, stored.HasContent ? stored.Category : null, StoredText.Flags(stored),
            StoredText.Weight(stored));
    }
}

/// <summary>The answer of <c>POST /api/v1/admin/keys/{id}/withdraw-writes</c>.</summary>
public sealed record WithdrawalBody(string KeyId, int Records, int Restored, int Removed);

/// <summary>A stored state's fields as the record contract writes them.</summary>
internal static class StoredText
{
    /// <summary>A survey response's weight as a number (exact: millionths are decimal); none for other feeds.</summary>
    public static decimal? Weight(StoredRecord stored) =>
        stored.HasContent && stored.Weight.IsWeighted ? (decimal)stored.Weight.Micros / RecordWeight.Scale : null;

    public static string Status(StoredRecord stored) => stored.Status == RecordStatus.Cancelled ? "cancelled" : "active";

    /// <summary>As precisely as it is known: an instant in UTC, a local day, or a month.</summary>
    public static string? OccurredAt(StoredRecord stored) => !stored.HasContent ? null : stored.Time.Precision switch
    {
        RecordPrecision.Instant => stored.Time.Instant.UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture),
        RecordPrecision.Day => stored.Time.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => MonthIndex.FirstDay(stored.Time.Month).ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>The flag slugs (none is an empty list); left out with the rest of the content when there is none.</summary>
    public static IReadOnlyList<string>? Flags(StoredRecord stored) =>
        !stored.HasContent ? null : stored.Flags is null ? [] : stored.Flags.Split(';');
}
