namespace AnalysisHub.Cli.Ingest;

/// <summary>The two bodies the hub ingests.</summary>
public enum RecordFormat
{
    Ndjson,
    Csv,
}

public static class RecordFormats
{
    public static string MediaType(this RecordFormat format) => format == RecordFormat.Csv ? "text/csv" : "application/x-ndjson";

    /// <summary>The format a file's extension says, or null when it says none.</summary>
    public static RecordFormat? FromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ndjson" or ".jsonl" or ".json" => RecordFormat.Ndjson,
        ".csv" => RecordFormat.Csv,
        _ => null,
    };

    /// <summary>Standard input without <c>--format</c>: NDJSON when the first character that is not white space is <c>{</c>.</summary>
    public static RecordFormat Sniff(ReadOnlySpan<byte> start)
    {
        foreach (var b in start)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
            return b == (byte)'{' ? RecordFormat.Ndjson : RecordFormat.Csv;
        }
        return RecordFormat.Ndjson;
    }
}
