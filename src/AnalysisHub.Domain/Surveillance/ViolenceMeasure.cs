using AnalysisHub.Domain.Time;

namespace AnalysisHub.Domain.Surveillance;

/// <summary>The violence measures surveillance watches on every footprint: police, emergency departments, ambulance.</summary>
public sealed record ViolenceMeasure(string Feed, string Category)
{
    /// <summary>The weekly measures: police violence against the person, ED assaults, ambulance assaults.</summary>
    public static readonly IReadOnlyList<ViolenceMeasure> All =
    [
        new("crime", "violence-against-the-person"),
        new("ed-assaults", "assault"),
        new("ambulance-assaults", "assault"),
    ];

    /// <summary>
    /// The monthly measures. Police violence is watched as <c>violence-and-sexual-offences</c>, the level data.police.uk
    /// publishes it at (its crime types do not split violence against the person from sexual offences, and the hub's
    /// import files them there): a monthly measure of violence against the person would leave out every police.uk
    /// violent crime, the records the monthly products exist for. The category counts its descendants, so records
    /// filed under violence against the person count as well. ED and ambulance assaults are as every week.
    /// </summary>
    public static readonly IReadOnlyList<ViolenceMeasure> Monthly =
    [
        new("crime", "violence-and-sexual-offences"),
        new("ed-assaults", "assault"),
        new("ambulance-assaults", "assault"),
    ];

    /// <summary>The measures of a weekly or monthly product.</summary>
    public static IReadOnlyList<ViolenceMeasure> For(Granularity granularity) => granularity == Granularity.Month ? Monthly : All;
}
