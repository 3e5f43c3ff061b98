namespace AnalysisHub.Domain.Access;

/// <summary>A page of the audit trail, newest first: entries at or after <see cref="Since"/>, of one key, before a cursor.</summary>
public sealed record AuditQuery(DateTimeOffset? Since, string? KeyId, long? Before, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}

/// <summary>An audit page: each entry with its number, and the cursor of the next (older) page or null.</summary>
public sealed record AuditPage(IReadOnlyList<(long Number, AuditEntry Entry)> Entries, long? Next);
