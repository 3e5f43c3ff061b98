using System.Text;

namespace AnalysisHub.Cli.Csv;

/// <summary>The fields of one CSV row (RFC 4180: quoted fields may hold commas, line breaks and <c>""</c> for a quote).</summary>
public static class CsvFields
{
    public static List<string> Parse(string row)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (inQuotes)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < row.Length && row[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else inQuotes = false;
            }
            else if (c == '"') inQuotes = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>A field as CSV writes it: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
