namespace AnalysisHub.Domain.Completeness;

/// <summary>
/// Suppliers' declarations of their months, durably: a call returns once what it wrote is on disk. Implemented for the
/// embedded SQLite hub and for a cluster's PostgreSQL database.
/// </summary>
public interface IDeliveryStore
{
    /// <summary>Stores the declaration, replacing any of the same feed, authority and month; true when there was none.</summary>
    Task<bool> PutAsync(DeliveryDeclaration declaration, CancellationToken cancellationToken = default);

    /// <summary>The feed's declarations of months <paramref name="firstMonth"/>..<paramref name="lastMonth"/>, by authority code and month.</summary>
    Task<IReadOnlyList<DeliveryDeclaration>> ListAsync(string feed, int firstMonth, int lastMonth, CancellationToken cancellationToken = default);
}
