using AnalysisHub.Domain.Indicators;

namespace AnalysisHub.Server.Indicators;

/// <summary>The answer of <c>GET /api/v1/indicators/{indicator}/published</c>: the figures by footprint, period end and source.</summary>
public sealed record PublishedList(IReadOnlyList<PublishedFigure> Published);
