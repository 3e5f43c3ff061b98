namespace AnalysisHub.Domain.Surveillance;

/// <summary>
/// An exceedance worth a person's attention: a footprint's count of a violence measure in a week was above the
/// method's threshold. Identified by (footprint, feed, category, period, method): raised once, however often
/// the week is evaluated.
/// </summary>
public sealed record Alert(
    string Footprint, string Feed, string Category, string Period, DateOnly Start, DateOnly End, string Method,
    long Count, double Expected, double Threshold, DateTimeOffset RaisedAt);
