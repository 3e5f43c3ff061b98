using AnalysisHub.Domain.Time;

namespace AnalysisHub.Domain.Surveillance;

/// <summary>
/// An exceedance worth a person's attention: a footprint's count of a violence measure in a period — an ISO week, or
/// a calendar month for month-precision feeds such as data.police.uk — was above the method's threshold. Identified
/// by (footprint, feed, category, period, method): raised once, however often the period is evaluated. When
/// corrections or cancellations take the period back under its threshold the alert is withdrawn, not deleted:
/// <see cref="WithdrawnAt"/> and <see cref="Reason"/> say when and why, so whoever acted on it can see what changed.
/// </summary>
public sealed record Alert(
    string Footprint, string Feed, string Category, string Period, DateOnly Start, DateOnly End, string Method,
    long Count, double Expected, double Threshold, DateTimeOffset RaisedAt,
    DateTimeOffset? WithdrawnAt = null, string? Reason = null)
{
    /// <summary>
    /// <c>week</c> or <c>month</c> (the API's granularity slugs), so a client can tell a monthly alert from a weekly one
    /// without parsing <see cref="Period"/>. Read from the period's own first and last days — a week's span 7 days, a
    /// month's 28 to 31 — so it is never stored apart from them and cannot disagree with them. A feed's silence
    /// (<see cref="Completeness.FeedSilence"/>, method <c>silence</c>) is of days: <c>day</c>.
    /// </summary>
    public string Granularity => (Method == Completeness.FeedSilence.Method ? Time.Granularity.Day
        : End.DayNumber - Start.DayNumber < 7 ? Time.Granularity.Week : Time.Granularity.Month).ToSlug();
}
