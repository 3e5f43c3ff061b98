using AnalysisHub.Domain.Statistics;
using AnalysisHub.Server.Bulletin;
using AnalysisHub.Server.Profile;

namespace AnalysisHub.Server.Public;

/// <summary>Figures in the form public outputs publish them.</summary>
internal static class Published
{
    /// <summary>A count as JSON publishes it: the number; <c>"&lt;5"</c> for 1–4; <c>"*"</c> when withheld to protect another.</summary>
    public static object Count(DisclosedCount count) => count.Value is { } v ? v : count.Display;

    /// <summary>An interval as a [lower, upper] pair, or null when withheld.</summary>
    public static double[]? Pair(Interval? interval) => interval is { } i ? [i.Lower, i.Upper] : null;

    /// <summary>A profile's 7 × 24 hour-of-week counts with the total withheld beside any withheld hour.</summary>
    public static DisclosedProfile Profile(DateOnly from, DateOnly to, long[] slots)
    {
        var breakdown = PublicBreakdown.Of(slots);
        return new DisclosedProfile(from, to, breakdown.Total, ProfileDay.Names.Select((day, d) =>
        {
            var hours = breakdown.Parts.Skip(d * 24).Take(24).ToList();
            return new DisclosedProfileDay(day, hours.Select(Count).ToArray(), hours.Select(h => h.Suppressed).ToArray());
        }).ToList());
    }
}
