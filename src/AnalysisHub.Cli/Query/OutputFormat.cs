using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AnalysisHub.Cli.Csv;

namespace AnalysisHub.Cli.Query;

/// <summary>
/// How an answer is printed: an aligned table for people, CSV for spreadsheets, or the hub's JSON as it came
/// (indented) for programs.
/// </summary>
public static class OutputFormat
{
    public const string Table = "table";
    public const string Csv = "csv";
    public const string Json = "json";

    public static Option<string> Option()
    {
        var option = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => Table, HelpName = "FORMAT" };
        option.AcceptOnlyFromAmong(Table, Csv, Json);
        return option;
    }

    /// <summary>Prints rows of the given columns in the format; <paramref name="json"/> is printed whole for <c>json</c>.</summary>
    public static void Write(TextWriter output, string format, JsonElement json, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        switch (format)
        {
            case Json:
                output.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
                break;
            case Csv:
                output.WriteLine(string.Join(",", columns.Select(CsvFields.Quote)));
                foreach (var row in rows) output.WriteLine(string.Join(",", row.Select(CsvFields.Quote)));
                break;
            default:
                TextTable.Write(output, columns, rows);
                break;
        }
    }

    /// <summary>A JSON value as a cell: numbers invariant, strings as they are, null empty.</summary>
    public static string Cell(JsonElement value, string? numberFormat = null) => value.ValueKind switch
    {
        JsonValueKind.Number when numberFormat is not null => value.GetDouble().ToString(numberFormat, CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    /// <summary>A property of a JSON object as a cell (empty when absent).</summary>
    public static string Field(JsonElement parent, string property, string? numberFormat = null) =>
        parent.TryGetProperty(property, out var value) ? Cell(value, numberFormat) : "";
}
