namespace AnalysisHub.Server.Indicators;

/// <summary>The answer to a post of published figures: how many were stored, and how many of those replaced an earlier figure.</summary>
public sealed record PublishedCounts(int Stored, int Replaced);
