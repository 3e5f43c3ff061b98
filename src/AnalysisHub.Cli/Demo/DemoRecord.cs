namespace AnalysisHub.Cli.Demo;

/// <summary>One generated row: its feed, its NDJSON line, and when the source system would send it (the stream's order).</summary>
public sealed record DemoRecord(string Feed, byte[] Json, DateTimeOffset SentAt);
