namespace AnalysisHub.Cli.PoliceUk;

/// <summary>A street row made into a hub record: its feed and id, its NDJSON line, and the line of the file it came from.</summary>
public sealed record StreetRecord(string Feed, string Id, byte[] Json, int Line);
