using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AnalysisHub.Domain.Ingest;

/// <summary>
/// Reads an <c>application/x-ndjson</c> body: one JSON object per line, blank lines ignored (they are not
/// rows). Works on the raw UTF-8 bytes with <see cref="Utf8JsonReader"/>, so a 50 MB body is parsed without
/// materialising a DOM per row.
/// </summary>
public static class NdjsonBatchReader
{
    // A record is one flat object with one array: anything deeper is not a record, and is refused early.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 4 };

    public static ParsedBatch Read(ReadOnlySpan<byte> body, RecordValidator validator, int maxRows)
    {
        var batch = new ParsedBatch();
        var raw = new RawRecord();
        var row = 0;
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        while (!body.IsEmpty)
        {
            var newline = body.IndexOf((byte)'\n');
            var line = newline < 0 ? body : body[..newline];
            body = newline < 0 ? default : body[(newline + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty) continue;
            if (++row > maxRows)
            {
                batch.TooManyRows = true;
                break;
            }
            raw.Reset();
            ReadObject(line, raw);
            if (validator.Validate(raw, row, batch.Errors) is { } record) batch.Records.Add(record);
        }
        batch.Rows = Math.Min(row, maxRows);
        return batch;
    }

    private static void ReadObject(ReadOnlySpan<byte> line, RawRecord raw)
    {
        // Checked first: JSON text must be UTF-8, and a string with invalid bytes must not reach an id, where
        // two distinct ids would become one after replacement characters.
        if (!Utf8.IsValid(line))
        {
            raw.AddReadError("(row)", "is not valid UTF-8");
            return;
        }
        var reader = new Utf8JsonReader(line, Options);
        var seen = 0; // a bit per field of the contract already read in this row
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                raw.AddReadError("(row)", "is not a JSON object");
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var field = RecordFields.IndexOf(name);
                if (field >= 0 && (seen & (1 << field)) != 0)
                {
                    raw.AddReadError(name, "appears more than once in the object");
                    reader.Skip();
                    continue;
                }
                if (field >= 0) seen |= 1 << field;
                ReadProperty(ref reader, name, raw);
            }
            if (reader.Read()) raw.AddReadError("(row)", "has content after the JSON object");
        }
        catch (JsonException e)
        {
            // The reader's own message quotes the offending text, which may be megabytes: say where, not what.
            raw.AddReadError("(row)", $"is not valid JSON (at byte {e.BytePositionInLine ?? 0} of the line)" +
                                      (e.Message.Contains("depth", StringComparison.Ordinal) ? ": nested deeper than a record" : ""));
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString refuses an escaped unpaired surrogate (\ud800): not Unicode text.
            raw.AddReadError("(row)", "contains an escaped unpaired surrogate (\\uD800–\\uDFFF), which is not Unicode text");
        }
    }

    private static void ReadProperty(ref Utf8JsonReader reader, string name, RawRecord raw)
    {
        if (RecordFields.IndexOf(name) < 0)
        {
            // A property named "" is named as JSON spells it, so the error still points at something.
            raw.AddReadError(name.Length == 0 ? "\"\"" : name, "is not a field of the record contract");
            reader.Skip();
            return;
        }
        if (reader.TokenType == JsonTokenType.Null)
            return; // null is an absent field, as an empty CSV cell is.
        if (name == RecordFields.Flags)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                raw.AddReadError(name, "must be an array of flag slugs");
                reader.Skip();
                return;
            }
            raw.Flags = [];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String) raw.Flags.Add(reader.GetString()!);
                else
                {
                    raw.AddReadError(name, "must contain only strings");
                    reader.Skip();
                }
            }
            return;
        }
        if (name == RecordFields.Version)
        {
            if (reader.TokenType == JsonTokenType.Number) raw.Version = NumberText(ref reader);
            else
            {
                raw.AddReadError(name, "must be a JSON integer");
                reader.Skip();
            }
            return;
        }
        if (name == RecordFields.Weight)
        {
            if (reader.TokenType == JsonTokenType.Number) raw.Weight = NumberText(ref reader);
            else
            {
                raw.AddReadError(name, "must be a JSON number");
                reader.Skip();
            }
            return;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            raw.AddReadError(name, "must be a JSON string");
            reader.Skip();
            return;
        }
        RecordFields.TrySet(raw, name, reader.GetString()!, ';');
    }

    /// <summary>A number as written: parsed later by the field's own rule, so its digits are never rounded first.</summary>
    private static string NumberText(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
}
