namespace AnalysisHub.Domain.Surveillance;

/// <summary>
/// An exceedance worth a person's attention: a footprint's count of a violence measure in a week was above the
/// method's threshold. Identified by (footprint, feed, category, period, method): raised once, however often
/// the week is evaluated. When corrections or cancellations take the week back under its threshold the alert
/// is withdrawn, not deleted: <see cref="WithdrawnAt"/> and <see cref="Reason"/> say when and why, so whoever
/// acted on it can see what changed.
/// </summary>
public sealed record Alert(
    string Footprint, string Feed, string Category, string Period, DateOnly Start, DateOnly End, string Method,
    long Count, double Expected, double Threshold, DateTimeOffset RaisedAt,
    DateTimeOffset? WithdrawnAt = null, string? Reason = null);
