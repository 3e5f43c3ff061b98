using AnalysisHub.Domain.Geography;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Shared;

/// <summary>The <c>kind</c> and <c>asOf</c> of a comparison: the footprints of one kind as they stood on one day.</summary>
internal static class FootprintsOfKindArgument
{
    public static ProblemHttpResult? FootprintsOfKind(this GeographyRegistry geography, string? kind, string? asOf, TimeProvider clock,
        out IReadOnlyList<Footprint> footprints)
    {
        footprints = [];
        var kinds = geography.Footprints.Select(f => f.Kind).Distinct().ToList();
        if (string.IsNullOrEmpty(kind) || !kinds.Contains(kind))
            return Problems.BadParameter("kind", kind, $"one of {string.Join(", ", kinds)} is required");
        if (DateArgument.AsOf(asOf, clock, out var day) is { } problem) return problem;
        footprints = geography.OfKind(kind, day).ToList();
        return footprints.Count > 0 ? null
            : Problems.BadParameter("asOf", asOf, $"no footprint of kind '{kind}' existed on {day:yyyy-MM-dd}");
    }
}
