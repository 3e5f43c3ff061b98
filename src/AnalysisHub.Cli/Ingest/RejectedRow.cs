namespace AnalysisHub.Cli.Ingest;

/// <summary>One problem the hub found in a row, placed in its source: file, line, field and the hub's message.</summary>
public sealed record RejectedRow(string Source, int Line, string Field, string Message)
{
    public override string ToString() => $"{Source}:{Line}: {Field}: {Message}";
}
