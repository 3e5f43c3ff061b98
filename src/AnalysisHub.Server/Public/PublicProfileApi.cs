using AnalysisHub.Server.Bulletin;
using AnalysisHub.Server.Profile;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Public;

/// <summary>
/// The time profile for a public audience: the partner profile's parameters and shape, with each hour's count of 1–4
/// shown as <c>"&lt;5"</c> and the total withheld (null) whenever an hour's count is, as for a series: the profile shows
/// no other sum (no day or hour totals), so nothing withheld can then be worked out.
/// </summary>
internal static class PublicProfileApi
{
    public static async Task<Results<Ok<PublicProfileBody>, ProblemHttpResult>> Answer(string id, [AsParameters] ProfileArguments query)
    {
        var answer = await query.AskAsync(id);
        if (answer.Problem is { } problem) return problem;
        var profile = Published.Profile(answer.From, answer.To, answer.Slots);
        return TypedResults.Ok(new PublicProfileBody(answer.Footprint!.Id, query.Feed!, query.Category, profile.From, profile.To,
            ProfileApi.TimeZone, profile.Total, profile.TotalWithheld, PublicNotes.Profile, profile.Days));
    }
}

/// <summary>
/// The public profile: one row per day of week (Monday first), 24 hourly counts each as numbers or <c>"&lt;5"</c>, with
/// a flag per hour; <c>total</c> is null when <c>totalWithheld</c>.
/// </summary>
public sealed record PublicProfileBody(string Footprint, string Feed, string? Category, DateOnly From, DateOnly To, string TimeZone,
    long? Total, bool TotalWithheld, string DisclosureControl, IReadOnlyList<DisclosedProfileDay> Days);
