using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Storage;

/// <summary>
/// Translates between the in-memory indexes of a record (feed, category, authority, flag bits) and the stable
/// text the ledger stores (slugs and ONS codes). The ledger is the one state that must outlive any change
/// to the vocabulary or geography files, so it never stores a position in a list.
/// </summary>
public sealed class StoredVocabulary(GeographyRegistry geography, FeedCatalog catalog)
{
    public string FeedSlug(int feed) => catalog.Feeds[feed].Id;

    /// <summary>The feed's index, or -1 for a feed no longer in the catalog.</summary>
    public int FeedIndex(string slug) => catalog.FindFeed(slug)?.Index ?? -1;

    public string? CategorySlug(int feed, int category) => category < 0 ? null : catalog.Feeds[feed].Categories[category].Id;

    public string? AuthorityCode(int authority) => authority < 0 ? null : geography.Authorities[authority].Code;

    public Authority Authority(int authority) => geography.Authorities[authority];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<uint, string> _flagsText = new();

    /// <summary>The flags as stored: slugs joined by ';' in catalog order (cached: few combinations recur).</summary>
    public string? FlagsText(uint mask) =>
        mask == 0 ? null : _flagsText.GetOrAdd(mask, m => string.Join(';', catalog.FlagNames(m)));

    /// <summary>Reads a stored row back; null when it refers to a slug or code no longer known.</summary>
    public RecordEntry? ToEntry(int feed, long version, RecordStatus status, RecordTime time,
        string? authorityCode, string? categorySlug, string? flags, RecordWeight weight)
    {
        short authority = -1, category = -1;
        if (authorityCode is not null)
        {
            if (!geography.TryResolveArea(authorityCode, out var a)) return null;
            authority = a.Index;
        }
        if (categorySlug is not null)
        {
            if (catalog.Feeds[feed].FindCategory(categorySlug) is not { } c) return null;
            category = (short)c.Index;
        }
        uint mask = 0;
        if (flags is not null)
            foreach (var flag in flags.Split(';'))
            {
                if (!catalog.TryGetFlagBit(flag, out var bit)) return null;
                mask |= 1u << bit;
            }
        return new RecordEntry((byte)feed, version, status, time, authority, category, mask, weight);
    }

    /// <summary>Reads a stored state back; null when it refers to a slug or code no longer known.</summary>
    public RecordEntry? ToEntry(int feed, StoredRecord stored) =>
        ToEntry(feed, stored.Version, stored.Status, stored.Time, stored.Authority, stored.Category, stored.Flags, stored.Weight);

    /// <summary>The entry in the ledger's stored terms.</summary>
    public StoredRecord ToStored(in RecordEntry entry) =>
        new(entry.Version, entry.Status, entry.Time, AuthorityCode(entry.Authority),
            CategorySlug(entry.Feed, entry.Category), FlagsText(entry.Flags), entry.Weight);

    /// <summary>
    /// Identifies the index layout of cells, so state derived under another vocabulary or geography is
    /// recognised and rebuilt from the ledger instead of being misread.
    /// </summary>
    public string Fingerprint { get; } = ComputeFingerprint(geography, catalog);

    private static string ComputeFingerprint(GeographyRegistry geography, FeedCatalog catalog)
    {
        var text = string.Join('|',
            catalog.Feeds.Select(f => f.Id + (f.Weighted ? "~weighted" : "") + ":" + string.Join(',', f.Categories.Select(c => c.Id)))
                .Append("flags:" + string.Join(',', catalog.Flags))
                .Append("la:" + string.Join(',', geography.Authorities.Select(a => a.Code))));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }
}
