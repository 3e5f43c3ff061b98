namespace AnalysisHub.Server.Footprints;

/// <summary>
/// The months a footprint holds records in, per feed (feeds without any are left out): what a client needs to
/// choose a period that shows data, or to say that there is none yet. Months, not days, because the answer is
/// public and a day could single out a record that the public figures show only as "&lt;5".
/// </summary>
public sealed record ExtentBody(string Footprint, IReadOnlyList<FeedExtentBody> Feeds);

/// <summary>A feed's first and last month holding records (<c>YYYY-MM</c>).</summary>
public sealed record FeedExtentBody(string Feed, string FirstMonth, string LastMonth);
