namespace AnalysisHub.Domain.Access;

/// <summary>The audit trail, durably: appended in batches, read newest first.</summary>
public interface IAuditLog
{
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
