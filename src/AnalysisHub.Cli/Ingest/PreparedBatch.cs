namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// A request body ready to send: its feed and media type, and for each of its rows the line of the source it
/// came from, so the hub's row errors can be reported as file and line (a CSV header's problems, row 0, at
/// <see cref="HeaderLine"/>).
/// </summary>
public sealed record PreparedBatch(
    InputSource Source, string Feed, string MediaType, byte[] Body, int[] Lines, long SourceBytes, int HeaderLine = 0)
{
    public int Rows => Lines.Length;
}
