namespace AnalysisHub.Domain.Access;

/// <summary>
/// Keys, durably, in the ledger's database, shared by every node. Each change (a key added, replaced or revoked)
/// raises <see cref="VersionAsync"/>, so a node notices another node's change with one cheap query.
/// </summary>
public interface IAccessKeyStore
{
    /// <summary>Every key with the SHA-256 of its secret, revoked ones included.</summary>
    Task<IReadOnlyList<(AccessKey Key, string SecretHash)>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>A number that grows with every change to the keys.</summary>
    Task<long> VersionAsync(CancellationToken cancellationToken = default);

    Task AddAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default);

    /// <summary>Adds the key, or replaces the one with its id (for the bootstrap key, set again at every start).</summary>
    Task PutAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default);

    /// <summary>Adds the key only when the store holds no key at all; false when it holds one already.</summary>
    Task<bool> AddFirstAsync(AccessKey key, string secretHash, CancellationToken cancellationToken = default);

    /// <summary>Revokes the key; false when no such key is standing.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
