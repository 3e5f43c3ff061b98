namespace AnalysisHub.Domain.Geography;

/// <summary>
/// Brings the registry's defined footprints up to date with the store. Nodes do so on a short timer; a grain asked
/// to answer for a defined footprint its node has not heard of yet does so at once rather than refuse.
/// </summary>
public interface IDefinedFootprints
{
    Task RefreshAsync(CancellationToken cancellationToken = default);
}
