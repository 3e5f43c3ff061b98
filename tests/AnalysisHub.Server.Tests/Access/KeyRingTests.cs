using AnalysisHub.Domain.Access;
using AnalysisHub.Server.Access;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>
/// The key ring against a model of what it must answer: whatever secrets it has remembered, a lookup gives the key
/// as the store held it at the ring's last load (revoked or not), and nothing for a secret no key has.
/// </summary>
public sealed class KeyRingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One step: add key n, revoke key n, reload, let time pass, or look up key n's secret (or a guessed one).</summary>
    private abstract record Step;
    private sealed record Add(int Key, int? ExpiresInMinutes) : Step;
    private sealed record Revoke(int Key) : Step;
    private sealed record Reload : Step;
    private sealed record Wait(int Minutes) : Step;
    private sealed record Find(int Key, bool Guess) : Step;

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, 5], Gen.Int[1, 120].Nullable(), (k, e) => (Step)new Add(k, e))),
        (2, Gen.Int[0, 5].Select(k => (Step)new Revoke(k))),
        (2, Gen.Const((Step)new Reload())),
        (1, Gen.Int[1, 90].Select(m => (Step)new Wait(m))),
        (6, Gen.Select(Gen.Int[0, 5], Gen.Bool, (k, g) => (Step)new Find(k, g))));

    [Fact]
    public void A_lookup_answers_as_the_store_stood_at_the_last_load_whatever_was_remembered() =>
        Steps.Array[1, 40].Sample(steps =>
        {
            var clock = new SteppedClock(Start);
            var store = new MemoryKeyStore();
            var ring = new KeyRing(store, clock, NullLogger<KeyRing>.Instance);
            var secrets = new Dictionary<int, string>();
            // The model: the store's keys as the ring last loaded them.
            var loaded = new Dictionary<string, AccessKey>();
            foreach (var step in steps)
            {
                switch (step)
                {
                    case Add add when !secrets.ContainsKey(add.Key):
                        var secret = secrets[add.Key] = KeySecret.New();
                        store.Add(new AccessKey($"k_{add.Key}", $"owner {add.Key}", [Scopes.ReadPartner], null, clock.GetUtcNow(),
                            add.ExpiresInMinutes is { } m ? clock.GetUtcNow().AddMinutes(m) : null), KeySecret.Hash(secret));
                        break;
                    case Revoke revoke:
                        store.Revoke($"k_{revoke.Key}", clock.GetUtcNow());
                        break;
                    case Reload:
                        ring.ReloadAsync().GetAwaiter().GetResult();
                        loaded = store.Keys.ToDictionary(k => k.SecretHash, k => k.Key);
                        break;
                    case Wait wait:
                        clock.Advance(TimeSpan.FromMinutes(wait.Minutes));
                        break;
                    case Find find:
                        var asked = find.Guess || !secrets.TryGetValue(find.Key, out var known) ? KeySecret.New() : known;
                        var want = loaded.GetValueOrDefault(KeySecret.Hash(asked));
                        var got = ring.FindKnown(asked)?.Key;
                        Assert.Equal(want?.Id, got?.Id);
                        Assert.Equal(want?.RevokedAt, got?.RevokedAt);
                        if (got is not null)
                            Assert.Equal(got.RevokedAt is null && (got.ExpiresAt is null || got.ExpiresAt > clock.GetUtcNow()), ring.IsUsable(got));
                        break;
                }
            }
        }, iter: 2_000);

    private sealed class SteppedClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    /// <summary>The store's contract in memory: every change raises the version.</summary>
    private sealed class MemoryKeyStore : IAccessKeyStore
    {
        private long _version;

        public List<(AccessKey Key, string SecretHash)> Keys { get; } = [];

        public void Add(AccessKey key, string secretHash)
        {
            Keys.Add((key, secretHash));
            _version++;
        }

        public void Revoke(string id, DateTimeOffset at)
        {
            var i = Keys.FindIndex(k => k.Key.Id == id && k.Key.RevokedAt is null);
            if (i < 0) return;
            Keys[i] = (Keys[i].Key with { RevokedAt = at }, Keys[i].SecretHash);
            _version++;
        }

        public Task<IReadOnlyList<(AccessKey Key, string SecretHash)>> LoadAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<(AccessKey, string)>>([.. Keys]);

        public Task<long> VersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(_version);

        public Task AddAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default)
        {
            Add(key, secretHash);
            return Task.CompletedTask;
        }

        public Task PutAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default) => AddAsync(key, secretHash, cancellationToken);

        public Task<bool> AddFirstAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            Revoke(id, at);
            return Task.FromResult(true);
        }
    }
}
