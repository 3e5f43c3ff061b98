namespace AnalysisHub.Domain.Surveillance;

/// <summary>The violence measures surveillance watches on every footprint: police, emergency departments, ambulance.</summary>
public sealed record ViolenceMeasure(string Feed, string Category)
{
    public static readonly IReadOnlyList<ViolenceMeasure> All =
    [
        new("crime", "violence-against-the-person"),
        new("ed-assaults", "assault"),
        new("ambulance-assaults", "assault"),
    ];
}
