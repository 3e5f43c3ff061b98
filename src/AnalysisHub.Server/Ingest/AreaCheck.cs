using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using AnalysisHub.Storage;

namespace AnalysisHub.Server.Ingest;

/// <summary>
/// Keeps a footprint-limited writer inside its area: every row's authority, and for a record the feed already holds
/// (a correction, or a cancellation by id alone) the stored record's authority too, must lie inside the key's
/// footprints. A cancellation by id alone of a record not stored has no area to check, and is refused to such a key:
/// otherwise it could block another area's record before it arrives.
/// </summary>
// Implementation note: the stored authorities are read before the batch joins a group commit, not inside it, so a
// refused batch never holds up the others. The window between the read and the commit matters only if two writers
// of the same feed send the same id at once, and each is still kept to its own area for what it sends.
public static class AreaCheck
{
    public static async Task<IReadOnlyList<RowError>> ProblemsAsync(IReadOnlyList<IncomingRecord> records, AreaGrant grant, string feed,
        GeographyRegistry geography, IRecordLedger ledger, CancellationToken cancellationToken)
    {
        if (grant.IsEverywhere) return [];
        var stored = await ledger.StoredAuthoritiesAsync(feed, records.Select(r => r.Id).Distinct().ToList(), cancellationToken);
        var problems = new List<RowError>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var row = i + 1;
            if (record.Entry.HasContent && geography.Authorities[record.Entry.Authority] is var authority && !grant.Allows(authority))
                problems.Add(new RowError(row, "area", $"{authority} lies outside the key's footprints"));
            if (stored.TryGetValue(record.Id, out var code))
            {
                if (code is not null && (!geography.TryResolveArea(code, out var storedIn) || !grant.Allows(storedIn)))
                    problems.Add(new RowError(row, "id", $"the stored record '{record.Id}' counts in {code}, outside the key's footprints"));
            }
            else if (!record.Entry.HasContent)
                problems.Add(new RowError(row, "id", $"'{record.Id}' is not stored: a footprint-limited key cancels by id only records inside its footprints"));
        }
        return problems;
    }
}
