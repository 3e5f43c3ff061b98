using System.Text.Encodings.Web;
using System.Text.Json;

namespace AnalysisHub.Testing.Histories;

/// <summary>
/// One row of a generated feed history, as a client sends it: the raw text a source system would write, not the
/// hub's normalised form (so that, for instance, a time with and without an offset can name the same instant).
/// </summary>
/// <param name="Version">null when the row carries no version.</param>
/// <param name="IdOnly">a cancellation that names only its id and version.</param>
/// <param name="Weight">a survey response's weight as the source writes the number (null: none given).</param>
public sealed record HistoryRow(
    string Id, long? Version, bool Cancelled, bool IdOnly, string Area, string Category, string OccurredAt, string[] Flags,
    string? Weight = null)
{
    // Plain '+' in offsets, so that a printed history reads as a source system would have written it.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The row as one NDJSON line, with the id prefixed so that separate histories never meet.</summary>
    public string ToNdjson(string idPrefix = "")
    {
        var fields = new Dictionary<string, object> { ["id"] = idPrefix + Id };
        if (!IdOnly)
        {
            fields["occurredAt"] = OccurredAt;
            fields["area"] = Area;
            fields["category"] = Category;
            if (Flags.Length > 0) fields["flags"] = Flags;
            // Written as the number it is, digits as given ("1.0" stays 1.0), as a source system would.
            if (Weight is { } weight) fields["weight"] = JsonDocument.Parse(weight).RootElement;
        }
        if (Version is { } version) fields["version"] = version;
        if (Cancelled) fields["status"] = "cancelled";
        return JsonSerializer.Serialize(fields, Readable);
    }
}
