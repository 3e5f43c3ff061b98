namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// How large one request may grow. The hub takes up to 250,000 rows and 64 MiB; smaller batches keep
/// several requests in flight (the hub commits concurrent batches together) and make a retry cheap.
/// </summary>
public sealed record BatchLimits
{
    public const int DefaultRows = 5_000;
    public const int DefaultBytes = 4 << 20;

    public int MaxRows { get; init; } = DefaultRows;
    public int MaxBytes { get; init; } = DefaultBytes;
}
