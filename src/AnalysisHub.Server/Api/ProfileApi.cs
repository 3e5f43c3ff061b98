using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Api;

/// <summary>
/// When it happens: counts by day of week × hour of day (local time) — the night-time economy question.
/// Profiles are kept per month, so the range covers whole months; records without a time of day are not in it.
/// </summary>
public static class ProfileApi
{
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/footprints/{id}/profile", Profile).WithTags("Surveillance").WithName("TimeProfile")
            .WithSummary("Counts by day of week and hour of day (Europe/London) over whole months.");
        return app;
    }

    private static async Task<IResult> Profile(string id, string? feed, string? category, string? from, string? to,
        GeographyRegistry geography, FeedCatalog catalog, IGrainFactory grains, TimeProvider clock, IOptions<HubOptions> options)
    {
        if (geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        var parsed = SeriesParameters.Parse(feed, category, null, from, to, "month", catalog, clock);
        if (parsed.Problem is { } problem) return problem;
        var query = parsed.Query!;
        int firstMonth = MonthIndex.Of(query.Range.From), lastMonth = MonthIndex.Of(query.Range.To);
        var slots = await RollupGrains.For(grains, footprint)
            .GetHourOfWeekProfile(query.Feed, query.Categories.ToArray(), firstMonth, lastMonth).WaitAsync(options.Value.GrainCallTimeout);
        var cells = Days.Select((day, d) => new ProfileDay(day, slots.Skip(d * 24).Take(24).ToArray())).ToList();
        return TypedResults.Ok(new ProfileBody(footprint.Id, feed!, category, MonthIndex.FirstDay(firstMonth), MonthIndex.LastDay(lastMonth),
            "Europe/London", slots.Sum(), cells));
    }
}

/// <summary>The profile: one row per day of week (Monday first), 24 hourly counts each.</summary>
public sealed record ProfileBody(string Footprint, string Feed, string? Category, DateOnly From, DateOnly To, string TimeZone,
    long Total, IReadOnlyList<ProfileDay> Days);

public sealed record ProfileDay(string Day, long[] Hours);
