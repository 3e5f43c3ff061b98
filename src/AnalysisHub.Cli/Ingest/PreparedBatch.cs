namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// A request body ready to send: its feed and media type, and for each of its rows the line of the source it
/// came from, so the hub's row errors can be reported as file and line.
/// </summary>
public sealed record PreparedBatch(
    InputSource Source, string Feed, string MediaType, byte[] Body, int[] Lines, long SourceBytes)
{
    public int Rows => Lines.Length;
}
