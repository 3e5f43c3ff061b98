namespace AnalysisHub.Domain.Indicators;

/// <summary>How the percent agreeing moved from the previous period to the current one, at 95%.</summary>
public enum ChangeDirection
{
    NoSignificantChange,
    Increase,
    Decrease,
}

/// <summary>The slugs the API and the outputs use for <see cref="ChangeDirection"/>.</summary>
public static class ChangeDirectionSlug
{
    public static string ToSlug(this ChangeDirection direction) => direction switch
    {
        ChangeDirection.Increase => "increase",
        ChangeDirection.Decrease => "decrease",
        ChangeDirection.NoSignificantChange => "no-significant-change",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };
}
