using AnalysisHub.Domain.Indicators;

namespace AnalysisHub.Server.Indicators;

/// <summary>The answer of <c>GET /api/v1/indicators/{indicator}/targets</c>: every footprint's target, by footprint.</summary>
public sealed record TargetList(IReadOnlyList<IndicatorTarget> Targets);
