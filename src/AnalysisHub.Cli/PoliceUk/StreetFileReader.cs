using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnalysisHub.Cli.Csv;
using AnalysisHub.Cli.Ingest;

namespace AnalysisHub.Cli.PoliceUk;

/// <summary>
/// Turns one street file into hub records: month precision on the month's first day, the authority of the
/// row's LSOA, the category of its crime type, a stable id. Rows it cannot send are counted in the report;
/// rows it cannot read (a bad month, an unknown crime type) are listed with their line.
/// </summary>
public sealed partial class StreetFileReader(LsoaPlaces places, FeedNames feeds, ImportReport report)
{
    public List<StreetRecord> Read(StreetFile file)
    {
        using var stream = file.Open();
        var records = new List<StreetRecord>();
        var ids = new StableIds();
        var crimeIds = new HashSet<string>(StringComparer.Ordinal);
        StreetColumns? columns = null;
        foreach (var scanned in new RowScanner(stream, csvQuotes: true).Rows())
        {
            var row = CsvFields.Parse(Encoding.UTF8.GetString(scanned.Bytes.Span));
            if (columns is null)
            {
                columns = StreetColumns.From(row, out var missing)
                    ?? throw new HubCommandException(ExitCodes.RejectedInput,
                        $"{file.Name}: not a data.police.uk street file: no column {string.Join(", ", missing.Select(m => $"'{m}'"))} in its header");
                continue;
            }

            var month = columns.Get(row, "Month");
            var crimeType = columns.Get(row, "Crime type");
            if (!MonthPattern().IsMatch(month))
            {
                report.Unusable.Add(new RejectedRow(file.Name, scanned.Line, "Month", $"'{month}' is not a month (YYYY-MM)"));
                continue;
            }
            var mapped = CrimeTypes.Map(crimeType);
            if (!feeds.HasCategory(mapped.Feed, mapped.Category))
            {
                report.Unusable.Add(new RejectedRow(file.Name, scanned.Line, "Crime type", $"'{crimeType}' has no category in the hub's {mapped.Feed} feed"));
                continue;
            }
            var crimeId = columns.Get(row, "Crime ID");
            var id = ids.Next(crimeId, columns.Canonical(row));
            if (crimeId.Length > 0 && !crimeIds.Add(crimeId)) report.RepeatedCrimeIds++;

            var (code, name) = (columns.Get(row, "LSOA code"), columns.Get(row, "LSOA name"));
            var (how, authority) = places.Place(code, name);
            var force = columns.Get(row, "Falls within") is { Length: > 0 } within ? within : columns.Get(row, "Reported by");
            report.Count(file.Name, force, month, crimeType, mapped, how, (code, name, authority));
            if (authority is null) continue;
            records.Add(new StreetRecord(mapped.Feed, id, Json(id, month, authority, mapped.Category), scanned.Line));
        }
        if (columns is null) throw new HubCommandException(ExitCodes.RejectedInput, $"{file.Name}: empty, not a data.police.uk street file");
        return records;
    }

    private static byte[] Json(string id, string month, string authority, string category)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            // A police.uk month has no day: the record counts on the month's first day, in its month only.
            json.WriteString("occurredAt", month + "-01T00:00:00");
            json.WriteString("area", authority);
            json.WriteString("category", category);
            json.WriteString("precision", "month");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();
}
