using AnalysisHub.Domain.Records;

namespace AnalysisHub.Server.Access;

/// <summary>What the ingest endpoint tells the audit about a batch: its rows, its counts when applied, the SHA-256 of its body.</summary>
public sealed class IngestAudit
{
    public int? Rows { get; set; }
    public IngestCounts? Counts { get; set; }
    public string? BodySha256 { get; set; }

    public static IngestAudit For(HttpContext context)
    {
        if (context.Features.Get<IngestAudit>() is { } audit) return audit;
        audit = new IngestAudit();
        context.Features.Set(audit);
        return audit;
    }
}
