using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Profile;

/// <summary>The time-profile query (bound with <c>[AsParameters]</c>), for partner and public outputs alike.</summary>
public sealed class ProfileArguments : QueryServices
{
    [FromQuery(Name = "feed")] public string? Feed { get; init; }
    [FromQuery(Name = "category")] public string? Category { get; init; }
    [FromQuery(Name = "from")] public string? From { get; init; }
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>The footprint's hour-of-week counts over the whole months of the range, or the problem with the request.</summary>
    internal async Task<ProfileAnswer> AskAsync(string id)
    {
        if (Geography.Find(id) is not { } footprint) return ProfileAnswer.Failed(Problems.FootprintNotFound(id));
        var parsed = SeriesParameters.Parse(Feed, Category, null, From, To, "month", Catalog, Clock);
        if (parsed.Problem is { } problem) return ProfileAnswer.Failed(problem);
        var query = parsed.Query!;
        int firstMonth = MonthIndex.Of(query.Range.From), lastMonth = MonthIndex.Of(query.Range.To);
        var slots = await RollupGrains.For(Grains, footprint)
            .GetHourOfWeekProfile(query.Feed, query.Categories.ToArray(), firstMonth, lastMonth).WaitAsync(Timeout);
        return new ProfileAnswer(null, footprint, MonthIndex.FirstDay(firstMonth), MonthIndex.LastDay(lastMonth), slots);
    }
}

/// <summary>A profile as asked: the footprint, its whole months and the 7 × 24 counts (Monday 00:00 first); or the problem.</summary>
internal sealed record ProfileAnswer(ProblemHttpResult? Problem, Footprint? Footprint, DateOnly From, DateOnly To, long[] Slots)
{
    public static ProfileAnswer Failed(ProblemHttpResult problem) => new(problem, null, default, default, []);
}
