namespace AnalysisHub.Server.Hosting;

/// <summary>Limits of one ingest request (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest request body accepted: 64 MiB. Larger → 413.</summary>
    public long MaxBatchBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most rows accepted in one request: 250,000. More → 413.</summary>
    public int MaxBatchRows { get; set; } = 250_000;

    /// <summary>Errors listed in a 400 answer; the total is always given.</summary>
    public int MaxErrorsListed { get; set; } = 10_000;
}
