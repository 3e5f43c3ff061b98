namespace AnalysisHub.Domain.Indicators;

/// <summary>Where the latest percent stands against a target and the trajectory towards it.</summary>
public enum TargetStatus
{
    /// <summary>At or above the final target.</summary>
    Met,

    /// <summary>Below the target but at or above the trajectory on the latest figure's date.</summary>
    OnTrack,

    /// <summary>Below the trajectory.</summary>
    OffTrack,
}

/// <summary>The slugs the API and the outputs use for <see cref="TargetStatus"/>.</summary>
public static class TargetStatusSlug
{
    public static string ToSlug(this TargetStatus status) => status switch
    {
        TargetStatus.Met => "met",
        TargetStatus.OnTrack => "on-track",
        TargetStatus.OffTrack => "off-track",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
