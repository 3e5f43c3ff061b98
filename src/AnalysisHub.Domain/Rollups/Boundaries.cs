namespace AnalysisHub.Domain.Rollups;

/// <summary>Which members a footprint's figures count on each day.</summary>
public enum Boundaries
{
    /// <summary>Every day with the footprint's membership as it stands (for one that has ended: as it last stood).</summary>
    Current,

    /// <summary>Each day with the membership of that day, and nothing outside the footprint's life.</summary>
    AsWas,
}

public static class BoundariesNames
{
    public const string Current = "current";
    public const string AsWas = "as-was";

    public static IReadOnlyList<string> Slugs { get; } = [Current, AsWas];

    public static string ToSlug(this Boundaries boundaries) => boundaries == Boundaries.AsWas ? AsWas : Current;

    public static bool TryParse(string slug, out Boundaries boundaries)
    {
        boundaries = slug == AsWas ? Boundaries.AsWas : Boundaries.Current;
        return slug is Current or AsWas;
    }
}
