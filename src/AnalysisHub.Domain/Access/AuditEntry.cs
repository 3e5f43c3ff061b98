using AnalysisHub.Domain.Records;

namespace AnalysisHub.Domain.Access;

/// <summary>
/// One entry of the audit trail: an ingest (refused ones too), a partner read or an administrative act, by whom,
/// and with what result. <see cref="Path"/> holds the query string without any <c>access_token</c>.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string? KeyId,
    string? Owner,
    string Action,
    string Method,
    string Path,
    int Status,
    string? Feed = null,
    int? Rows = null,
    IngestCounts? Counts = null,
    string? BodySha256 = null)
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Administer = "admin";
}
