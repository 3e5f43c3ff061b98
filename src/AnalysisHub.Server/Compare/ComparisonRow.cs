using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Server.Compare;

/// <summary>One footprint's rate with its intervals, compared with the benchmark's rate (partner audience: unsuppressed).</summary>
public sealed record ComparisonRow(
    string Footprint, string Kind, string Name, long Count, long Population, double RatePer100k,
    double[] Ci95, double[] Ci998, string? Comparison, bool IsBenchmark)
{
    /// <summary>True when a member authority's month of the feed in the range is missing, partial or withdrawn.</summary>
    public bool Incomplete => IncompleteMembers is not null;

    /// <summary>Those member authorities, in the footprint's order; left out when there are none (most figures: it is
    /// most of a point's bytes otherwise).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? IncompleteMembers { get; init; }

    public static ComparisonRow For(Footprint footprint, long count, long population, double? benchmarkRate)
    {
        var rate = CrudeRate.Calculate(count, population);
        return new ComparisonRow(footprint.Id, footprint.Kind, footprint.Name, count, population, rate.Rate,
            [rate.Ci95.Lower, rate.Ci95.Upper], [rate.Ci998.Lower, rate.Ci998.Upper],
            benchmarkRate is { } b ? BenchmarkComparison.Compare(rate, b).ToSlug() : null,
            IsBenchmark: benchmarkRate is null);
    }
}

/// <summary>The comparison answer: the footprints' rows, then the benchmark's own row.</summary>
public sealed record ComparisonBody(
    string? Kind, string? Footprint, string Feed, string? Category, IReadOnlyList<string> Flags, DateOnly From, DateOnly To,
    string Benchmark, string PopulationSource, string ComparisonMethod, IReadOnlyList<ComparisonRow> Rows,
    string Boundaries = BoundariesNames.Current);
