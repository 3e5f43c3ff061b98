namespace AnalysisHub.Server.Admin;

/// <summary>The answer of <c>GET /api/v1/admin/verify</c>: what was recounted and every difference that remained.</summary>
public sealed record VerifyReport(DateTimeOffset CheckedAt, int Authorities, int Footprints, IReadOnlyList<VerifyDifference> Differences);

/// <summary>
/// One cell that differs. For an authority, <see cref="Grain"/> is its grain's count and <see cref="Ledger"/> the
/// recount from the records; for a multi-authority footprint, <see cref="Ledger"/> is the sum of its members
/// (each of which is itself checked against the records). <see cref="Day"/> is an ISO date, or a month
/// (<c>2025-07</c>) for month-precision records and for the hour-of-week profile, whose slot is
/// <see cref="HourOfWeek"/>.
/// </summary>
public sealed record VerifyDifference(
    string Footprint, string Feed, string? Category, string Day, long Grain, long Ledger,
    IReadOnlyList<string> Flags, int? HourOfWeek);
