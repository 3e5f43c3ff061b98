using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Grains.Tests;

/// <summary>Builds ledger rows for tests.</summary>
internal sealed class Records(GeographyRegistry geography, FeedCatalog catalog)
{
    public IncomingRecord Crime(string id, string authority, string category, DateTimeOffset at, long version = 0,
        RecordStatus status = RecordStatus.Active)
    {
        var feed = catalog.FindFeed("crime")!;
        var authorityIndex = geography.FindAuthority(authority)!.Index;
        return new IncomingRecord(id, new RecordEntry((byte)feed.Index, version, status, RecordTime.AtInstant(at), authorityIndex, (short)feed.FindCategory(category)!.Index, 0));
    }
}
