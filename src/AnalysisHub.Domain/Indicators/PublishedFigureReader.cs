using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using Sylvan.Data.Csv;

namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// Reads a body of published figures, NDJSON (one object a line) or CSV (a header row), with the fields
/// <c>footprint, from, to, percent, unweightedBase, source, note</c>, and checks every row as ingest does: each
/// problem is a <see cref="RowError"/> naming its row (data rows from 1, the header 0) and field, and a body with
/// any is refused whole. A footprint may be given by id or ONS code and is stored by id.
/// </summary>
public static class PublishedFigureReader
{
    public const int MaxSourceLength = 200;
    public const int MaxNoteLength = 1000;
    public const int MaxRowChars = 16 * 1024;

    public static readonly IReadOnlyList<string> Fields = ["footprint", "from", "to", "percent", "unweightedBase", "source", "note"];

    private static readonly string[] Required = ["footprint", "from", "to", "percent", "unweightedBase", "source"];
    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 2 };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The figures of an NDJSON body, or the errors that refuse it (blank lines are not rows).</summary>
    public static (List<PublishedFigure> Figures, List<RowError> Errors) ReadNdjson(ReadOnlySpan<byte> body, string indicator, GeographyRegistry geography, int maxRows)
    {
        var batch = new Batch(indicator, geography);
        if (!Utf8.IsValid(body)) return batch.Refused(new RowError(0, "(body)", "is not valid UTF-8"));
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var row = 0;
        while (!body.IsEmpty)
        {
            var newline = body.IndexOf((byte)'\n');
            var line = newline < 0 ? body : body[..newline];
            body = newline < 0 ? default : body[(newline + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty) continue;
            if (++row > maxRows) return batch.Refused(new RowError(row, "(row)", $"the body has more than {maxRows:N0} rows; split it"));
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            var errors = new List<RowError>();
            ReadObject(line, row, cells, errors);
            batch.Add(row, cells, errors);
        }
        return batch.Result();
    }

    /// <summary>The figures of a CSV body (header names case-insensitive; an empty cell is an absent field).</summary>
    public static (List<PublishedFigure> Figures, List<RowError> Errors) ReadCsv(byte[] body, int length, string indicator, GeographyRegistry geography, int maxRows)
    {
        var batch = new Batch(indicator, geography);
        if (!Utf8.IsValid(body.AsSpan(0, length))) return batch.Refused(new RowError(0, "(body)", "is not valid UTF-8"));
        using var text = new StreamReader(new MemoryStream(body, 0, length, writable: false), StrictUtf8, detectEncodingFromByteOrderMarks: true);
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', MaxBufferSize = MaxRowChars });
        }
        catch (CsvMissingHeadersException)
        {
            return batch.Result(); // an empty body: no rows
        }
        catch (Exception e) when (e is CsvRecordTooLargeException or FormatException)
        {
            return batch.Refused(new RowError(0, "(header)", $"is not a CSV header (an unclosed quote, or longer than {MaxRowChars:N0} characters)"));
        }
        using (reader)
        {
            var columns = new string[reader.FieldCount];
            var header = new List<RowError>();
            for (var i = 0; i < columns.Length; i++)
            {
                var name = reader.GetName(i).Trim();
                columns[i] = Fields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase)) ?? "";
                if (columns[i].Length == 0) header.Add(new RowError(0, name.Length == 0 ? $"column {i + 1}" : name, "is not a field of a published figure (header)"));
            }
            foreach (var repeated in columns.Where(c => c.Length > 0).GroupBy(c => c).Where(g => g.Count() > 1))
                header.Add(new RowError(0, repeated.Key, "appears more than once in the header"));
            foreach (var missing in Required.Where(r => !columns.Contains(r)))
                header.Add(new RowError(0, missing, "is a required column and the header lacks it"));
            if (header.Count > 0) return batch.Refused([.. header]);

            var row = 0;
            while (true)
            {
                try
                {
                    if (!reader.Read()) break;
                }
                catch (Exception e) when (e is CsvRecordTooLargeException or FormatException)
                {
                    batch.Add(row + 1, [], [new RowError(row + 1, "(row)", $"is not valid CSV (an unclosed quote, or longer than {MaxRowChars:N0} characters)")]);
                    break;
                }
                if (reader.RowFieldCount <= 1 && reader.GetString(0).Length == 0) continue; // a blank line is not a row
                if (++row > maxRows) return batch.Refused(new RowError(row, "(row)", $"the body has more than {maxRows:N0} rows; split it"));
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                var errors = new List<RowError>();
                if (reader.RowFieldCount > columns.Length)
                    errors.Add(new RowError(row, "(row)", $"has {reader.RowFieldCount} cells but the header has {columns.Length}"));
                for (var i = 0; i < Math.Min(columns.Length, reader.RowFieldCount); i++)
                    if (reader.GetString(i) is { Length: > 0 } value) cells[columns[i]] = value;
                batch.Add(row, cells, errors);
            }
        }
        return batch.Result();
    }

    private static void ReadObject(ReadOnlySpan<byte> line, int row, Dictionary<string, string> cells, List<RowError> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray(), Json);
        }
        catch (JsonException e)
        {
            errors.Add(new RowError(row, "(row)", $"is not a flat JSON object (at byte {e.BytePositionInLine ?? 0} of the line)"));
            return;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new RowError(row, "(row)", "is not a JSON object"));
                return;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name.Length == 0 ? "\"\"" : property.Name;
                var value = property.Value;
                if (!Fields.Contains(property.Name)) errors.Add(new RowError(row, name, "is not a field of a published figure"));
                else if (!seen.Add(property.Name)) errors.Add(new RowError(row, name, "appears more than once in the object"));
                else if (value.ValueKind == JsonValueKind.Null) { } // null is an absent field, as an empty CSV cell is
                else if (property.Name is "percent" or "unweightedBase")
                {
                    if (value.ValueKind == JsonValueKind.Number) cells[property.Name] = value.GetRawText();
                    else errors.Add(new RowError(row, name, "must be a JSON number"));
                }
                else if (value.ValueKind == JsonValueKind.String) cells[property.Name] = value.GetString()!;
                else errors.Add(new RowError(row, name, "must be a JSON string"));
            }
        }
    }

    /// <summary>The rows read so far: the figures, the errors, and each identity's first row (a repeat in one body is an error).</summary>
    private sealed class Batch(string indicator, GeographyRegistry geography)
    {
        private readonly List<PublishedFigure> _figures = [];
        private readonly List<RowError> _errors = [];
        private readonly Dictionary<(string, DateOnly, DateOnly, string), int> _rows = [];

        public void Add(int row, Dictionary<string, string> cells, List<RowError> readErrors)
        {
            _errors.AddRange(readErrors);
            var reported = readErrors.Select(e => e.Field).ToHashSet();
            if (reported.Contains("(row)")) return; // a row that could not be read has no fields to call missing
            var before = _errors.Count;
            string? Cell(string field)
            {
                if (cells.TryGetValue(field, out var value)) return value;
                if (Required.Contains(field) && !reported.Contains(field)) _errors.Add(new RowError(row, field, "is required"));
                return null;
            }
            void Problem(string field, string message) => _errors.Add(new RowError(row, field, message));

            string? footprint = null;
            if (Cell("footprint") is { } place)
            {
                if (geography.Find(place) is { } found) footprint = found.Id;
                else Problem("footprint", $"'{place}' is not a footprint (GET /api/v1/footprints lists them)");
            }
            var from = Date(Cell("from"), "from", Problem);
            var to = Date(Cell("to"), "to", Problem);
            if (from is { } f && to is { } t && f > t) Problem("to", $"{Text(t)} is before from {Text(f)}");
            double? percent = null;
            if (Cell("percent") is { } p)
            {
                if (double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value is >= 0 and <= 100)
                    percent = value;
                else Problem("percent", $"'{Clip(p)}' is not a percent from 0 to 100");
            }
            long? unweightedBase = null;
            if (Cell("unweightedBase") is { } u)
            {
                if (long.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) unweightedBase = value;
                else Problem("unweightedBase", $"'{Clip(u)}' is not a positive whole number of respondents");
            }
            var source = Cell("source");
            if (source is not null && string.IsNullOrWhiteSpace(source)) Problem("source", "must not be blank");
            else if (source is { Length: > MaxSourceLength }) Problem("source", $"is longer than {MaxSourceLength} characters");
            var note = Cell("note");
            if (note is { Length: > MaxNoteLength }) Problem("note", $"is longer than {MaxNoteLength} characters");
            if (_errors.Count > before || readErrors.Count > 0) return;

            var figure = new PublishedFigure(indicator, footprint!, from!.Value, to!.Value, percent!.Value, unweightedBase!.Value, source!, note);
            if (_rows.TryGetValue((figure.Footprint, figure.From, figure.To, figure.Source), out var first))
            {
                Problem("(row)", $"repeats row {first}: the same footprint, from, to and source");
                return;
            }
            _rows.Add((figure.Footprint, figure.From, figure.To, figure.Source), row);
            _figures.Add(figure);
        }

        public (List<PublishedFigure>, List<RowError>) Refused(params RowError[] errors)
        {
            _errors.AddRange(errors);
            return ([], _errors);
        }

        public (List<PublishedFigure>, List<RowError>) Result() => _errors.Count > 0 ? ([], _errors) : (_figures, _errors);

        private static DateOnly? Date(string? text, string field, Action<string, string> problem)
        {
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            problem(field, $"'{Clip(text)}' is not a date yyyy-MM-dd");
            return null;
        }
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A bad cell may be long: the error quotes enough to find it.
    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
