namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// Targets and published figures of the survey indicators, durably: a call returns once what it wrote is on disk.
/// Implemented for the embedded SQLite hub and for a cluster's PostgreSQL database.
/// </summary>
public interface IIndicatorStore
{
    /// <summary>Stores the target of its indicator and footprint, replacing any earlier one.</summary>
    Task PutTargetAsync(IndicatorTarget target, CancellationToken cancellationToken = default);

    /// <summary>The target of the footprint on the indicator, or null when none was set.</summary>
    Task<IndicatorTarget?> GetTargetAsync(string indicator, string footprint, CancellationToken cancellationToken = default);

    /// <summary>Every target of the indicator, by footprint id.</summary>
    Task<IReadOnlyList<IndicatorTarget>> ListTargetsAsync(string indicator, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the figures in one transaction, all or none: each replaces a stored figure of the same identity
    /// (indicator, footprint, from, to, source). <c>Stored</c> is how many were written, <c>Replaced</c> how many of
    /// them took the place of an earlier figure.
    /// </summary>
    Task<(int Stored, int Replaced)> PutPublishedAsync(IReadOnlyList<PublishedFigure> figures, CancellationToken cancellationToken = default);

    /// <summary>The indicator's published figures, of one footprint or all, ordered by footprint, period end and source.</summary>
    Task<IReadOnlyList<PublishedFigure>> ListPublishedAsync(string indicator, string? footprint = null, CancellationToken cancellationToken = default);
}
