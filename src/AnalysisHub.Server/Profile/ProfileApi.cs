using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Profile;

/// <summary>
/// When it happens: counts by day of week × hour of day (local time) — the night-time economy question.
/// Profiles are kept per month, so the range covers whole months; records without a time of day are not in it.
/// </summary>
public static class ProfileApi
{
    public const string TimeZone = "Europe/London";

    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/footprints/{id}/profile", Profile).WithTags("Surveillance").WithName("TimeProfile")
            .WithSummary("Counts by day of week and hour of day (Europe/London) over whole months.");
        return app;
    }

    private static async Task<Results<Ok<ProfileBody>, ProblemHttpResult>> Profile(string id, [AsParameters] ProfileArguments query)
    {
        var answer = await query.AskAsync(id);
        if (answer.Problem is { } problem) return problem;
        return TypedResults.Ok(new ProfileBody(answer.Footprint!.Id, query.Feed!, query.Category, answer.From, answer.To,
            TimeZone, answer.Slots.Sum(), ProfileDay.FromSlots(answer.Slots)));
    }
}

/// <summary>The profile: one row per day of week (Monday first), 24 hourly counts each.</summary>
public sealed record ProfileBody(string Footprint, string Feed, string? Category, DateOnly From, DateOnly To, string TimeZone,
    long Total, IReadOnlyList<ProfileDay> Days);

public sealed record ProfileDay(string Day, long[] Hours)
{
    /// <summary>The days of the week, Monday first, as profiles name them.</summary>
    public static readonly IReadOnlyList<string> Names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>7 × 24 hour-of-week slots (Monday 00:00 first) as one row per day.</summary>
    public static IReadOnlyList<ProfileDay> FromSlots(long[] slots) =>
        Names.Select((day, d) => new ProfileDay(day, slots[(d * 24)..((d + 1) * 24)])).ToList();
}
