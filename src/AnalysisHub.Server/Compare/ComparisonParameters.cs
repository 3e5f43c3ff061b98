using AnalysisHub.Domain.Geography;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Compare;

/// <summary>The query string and services every comparison endpoint shares (bound with <c>[AsParameters]</c>).</summary>
public sealed class ComparisonParameters : RangeArguments
{
    [FromQuery(Name = "benchmark")] public string? Benchmark { get; init; }

    internal Task<ComparisonQuestion> AskAsync(IReadOnlyList<Footprint> footprints) =>
        ComparisonQuestion.AskAsync(footprints, this);

    /// <summary>The footprints of a kind, or a problem naming the kinds there are.</summary>
    internal ProblemHttpResult? FootprintsOfKind(string? kind, out IReadOnlyList<Footprint> footprints)
    {
        footprints = string.IsNullOrEmpty(kind) ? [] : Geography.OfKind(kind).ToList();
        return footprints.Count > 0 ? null : Problems.BadParameter("kind", kind,
            $"one of {string.Join(", ", Geography.Footprints.Select(f => f.Kind).Distinct())} is required");
    }
}
