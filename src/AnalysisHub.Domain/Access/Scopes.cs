using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Domain.Access;

/// <summary>
/// What a key may do. <c>ingest:&lt;feed&gt;</c> writes one feed (optionally only inside the key's footprints);
/// <c>read:partner</c> reads the unsuppressed partner routes and live streams; <c>manage:indicators</c> sets the
/// survey indicators' targets and loads their published figures; <c>define:footprints</c> defines and deletes
/// footprints of kind <c>custom</c>; <c>admin</c> does everything, including keys and the audit trail.
/// </summary>
public static class Scopes
{
    public const string Admin = "admin";
    public const string ReadPartner = "read:partner";
    public const string ManageIndicators = "manage:indicators";
    public const string DefineFootprints = "define:footprints";
    public const string IngestPrefix = "ingest:";

    public static string Ingest(string feed) => IngestPrefix + feed;

    /// <summary>True for the scopes that take no argument (all but <c>ingest:&lt;feed&gt;</c>).</summary>
    public static bool IsNamed(string scope) => scope is Admin or ReadPartner or ManageIndicators or DefineFootprints;

    /// <summary>Why <paramref name="scope"/> is not a scope of this hub, or null when it is one.</summary>
    public static string? Problem(string scope, FeedCatalog catalog)
    {
        if (IsNamed(scope)) return null;
        if (scope.StartsWith(IngestPrefix, StringComparison.Ordinal))
            return catalog.FindFeed(scope[IngestPrefix.Length..]) is not null
                ? null
                : $"'{scope}' names no feed (feeds: {string.Join(", ", catalog.Feeds.Select(f => f.Id))})";
        return $"'{scope}' is not a scope (admin, read:partner, manage:indicators, define:footprints, ingest:<feed>)";
    }

    /// <summary>True when a holder of <paramref name="granted"/> may do what <paramref name="needed"/> allows.</summary>
    public static bool Allows(IReadOnlyCollection<string> granted, string needed) =>
        granted.Contains(Admin) || granted.Contains(needed);
}
