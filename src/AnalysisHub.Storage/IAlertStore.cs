using AnalysisHub.Domain.Surveillance;

namespace AnalysisHub.Storage;

/// <summary>
/// Raised alerts, durably. An alert is raised once: the same footprint, feed, category, week and method again
/// is not a new alert. Every alert gets an increasing number, so each web node can relay to its own live
/// subscribers the alerts any node raised.
/// </summary>
public interface IAlertStore
{
    /// <summary>Stores the alert; false when it was raised before (by this node or another).</summary>
    bool TryAdd(Alert alert);

    /// <summary>Alerts, newest first, optionally of one footprint and raised at or after <paramref name="since"/>.</summary>
    IReadOnlyList<Alert> List(string? footprint, DateTimeOffset? since, int limit = 1000);

    /// <summary>The number of the newest alert stored (0 when none).</summary>
    long LastNumber();

    /// <summary>Alerts numbered above <paramref name="number"/>, oldest first, with their numbers.</summary>
    IReadOnlyList<(long Number, Alert Alert)> After(long number, int limit = 1000);
}
