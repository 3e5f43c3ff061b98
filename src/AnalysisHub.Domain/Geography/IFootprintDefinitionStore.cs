namespace AnalysisHub.Domain.Geography;

/// <summary>The durable list of defined footprints, shared by every node of a cluster.</summary>
public interface IFootprintDefinitionStore
{
    Task<IReadOnlyList<FootprintDefinition>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the definition; false when its id is already defined.</summary>
    Task<bool> TryAddAsync(FootprintDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Removes the definition; false when none has that id.</summary>
    Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default);
}
