using AnalysisHub.Domain.Surveillance;

namespace AnalysisHub.Storage;

/// <summary>
/// Raised alerts, durably. An alert is raised once: the same footprint, feed, category, week and method again
/// is not a new alert. An alert whose week no longer alarms is withdrawn (kept, with when and why); one that
/// alarms again after its withdrawal is raised again, as the same alert with the withdrawal cleared.
/// Every change — a raise, a withdrawal, a raise again — gets an increasing change number, so each web node
/// can relay to its own live subscribers the changes any node made.
/// </summary>
public interface IAlertStore
{
    /// <summary>
    /// Stores the alert, or raises again a withdrawn one of the same key (with the new figures and time);
    /// false when it is already standing (raised by this node or another and not withdrawn).
    /// </summary>
    bool TryAdd(Alert alert);

    /// <summary>
    /// Withdraws the standing alert with this alert's key; false when there is none (already withdrawn, by this
    /// node or another, or never raised), so a withdrawal is recorded once however many nodes decide it.
    /// </summary>
    bool TryWithdraw(Alert alert, DateTimeOffset withdrawnAt, string reason);

    /// <summary>
    /// Alerts, newest raised first, optionally of one footprint and raised at or after <paramref name="since"/>;
    /// withdrawn ones only when <paramref name="includeWithdrawn"/>.
    /// </summary>
    IReadOnlyList<Alert> List(string? footprint, DateTimeOffset? since, int limit = 1000, bool includeWithdrawn = false);

    /// <summary>The standing (not withdrawn) alerts of these periods, to test again whether they still alarm.</summary>
    IReadOnlyList<Alert> Standing(IReadOnlyCollection<string> periods);

    /// <summary>The number of the newest change stored (0 when none).</summary>
    long LastNumber();

    /// <summary>
    /// Alerts whose latest change is numbered above <paramref name="number"/>, oldest change first, with that
    /// change's number, as they are now (withdrawn or standing).
    /// </summary>
    IReadOnlyList<(long Number, Alert Alert)> After(long number, int limit = 1000);
}
