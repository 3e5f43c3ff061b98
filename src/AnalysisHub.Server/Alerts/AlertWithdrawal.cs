using System.Globalization;
using AnalysisHub.Domain.Surveillance;

namespace AnalysisHub.Server.Alerts;

/// <summary>
/// Whether a standing alert still holds when its period (week or month) is tested again, and if not, the reason stored and shown
/// with its withdrawal.
/// </summary>
internal static class AlertWithdrawal
{
    /// <summary>
    /// Null while the period still alarms by the method that raised the alert; otherwise why it is withdrawn. A period
    /// that now alarms only by the other method (history was corrected across the five-year mark) withdraws the
    /// old alert: the new method's alert is raised on its own key, so the period is never shown twice.
    /// </summary>
    public static string? Reason(Alert alert, long count, AlertExceedance.Result? now)
    {
        if (now is { Alarm: true } && now.Method == alert.Method) return null;
        var c = CultureInfo.InvariantCulture;
        if (now is null)
            return string.Create(c, $"no longer exceeds: count {count}, too little history to test after corrections");
        if (now.Method != alert.Method)
            return string.Create(c, $"tested by {now.Method} now: count {count}, threshold {now.Threshold:0.#} after corrections");
        return string.Create(c, $"no longer exceeds: count {count}, threshold {now.Threshold:0.#} after corrections");
    }
}
