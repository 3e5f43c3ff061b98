using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Claims;
using AnalysisHub.Domain.Access;

namespace AnalysisHub.Server.Access;

/// <summary>
/// Every key of the store, held in memory by the SHA-256 of its secret, so checking a request's key is one hash and
/// one lookup. Each node polls the store's change number every <see cref="PollInterval"/> and reloads when it moved:
/// a key revoked on one node stops working on every node within a second. Changes made through this node apply
/// here at once. Each key's principal is made once per load, not per request: a principal is never changed once
/// made (the hub adds no claims after authentication), so the requests of one key share it. A secret that was
/// found is remembered until the next load, so a key's later requests skip the hash: SHA-256 was a third of what
/// checking a key cost, and only the secrets of the store's own keys are remembered (a guessed secret is hashed
/// every time, and adds nothing), so there are never more of them than keys.
/// </summary>
public sealed class KeyRing(IAccessKeyStore store, TimeProvider clock, ILogger<KeyRing> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private volatile Snapshot _snapshot = new(-1, FrozenDictionary<string, KnownKey>.Empty, []);

    private sealed record Snapshot(long Version, FrozenDictionary<string, KnownKey> BySecretHash, IReadOnlyList<AccessKey> Keys)
    {
        public ConcurrentDictionary<string, KnownKey> BySecret { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A key of the store and the principal its requests are authenticated as.</summary>
    public sealed record KnownKey(AccessKey Key, ClaimsPrincipal Principal);

    /// <summary>Every key, revoked and expired ones included, oldest first.</summary>
    public IReadOnlyList<AccessKey> Keys => _snapshot.Keys;

    /// <summary>The key whose secret this is, when it exists (usable or not).</summary>
    public AccessKey? Find(string secret) => FindKnown(secret)?.Key;

    /// <summary>The key whose secret this is, with its principal, when it exists (usable or not).</summary>
    public KnownKey? FindKnown(string secret)
    {
        var snapshot = _snapshot;
        if (snapshot.BySecret.TryGetValue(secret, out var remembered)) return remembered;
        var known = snapshot.BySecretHash.GetValueOrDefault(KeySecret.Hash(secret));
        if (known is not null) snapshot.BySecret.TryAdd(secret, known);
        return known;
    }

    public bool IsUsable(AccessKey key) => key.IsUsableAt(clock.GetUtcNow());

    /// <summary>Loads the keys now (at start, and after a change made through this node).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var version = await store.VersionAsync(cancellationToken);
        var keys = await store.LoadAsync(cancellationToken);
        _snapshot = new Snapshot(version, keys.ToFrozenDictionary(k => k.SecretHash, k => new KnownKey(k.Key, Principal(k.Key))),
            keys.Select(k => k.Key).ToList());
    }

    private static ClaimsPrincipal Principal(AccessKey key) =>
        HubClaims.Principal(ApiKeyAuthentication.SchemeName, key.Id, key.Owner, key.Scopes, key.Footprints);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await store.VersionAsync(stoppingToken) != _snapshot.Version) await ReloadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The keys last loaded stay in force: a database outage must not lock every partner out, and a
                // revocation made meanwhile is seen as soon as the store answers again.
                logger.LogWarning("Keys not refreshed: {Reason}", e.Message);
            }
        }
    }
}
