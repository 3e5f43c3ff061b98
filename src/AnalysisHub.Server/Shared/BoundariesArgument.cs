using AnalysisHub.Domain.Rollups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Shared;

/// <summary>The one reading of a <c>boundaries</c> query parameter, for every product that takes one.</summary>
internal static class BoundariesArgument
{
    /// <summary>
    /// <c>current</c> (also when absent) or <c>as-was</c>; or a problem. Public outputs are on current boundaries only:
    /// their disclosure control relies on each figure being the sum of its members' figures, which as-was figures are not.
    /// </summary>
    public static ProblemHttpResult? Parse(string? text, bool asWasAllowed, out Boundaries boundaries)
    {
        boundaries = Boundaries.Current;
        if (string.IsNullOrEmpty(text)) return null;
        if (!BoundariesNames.TryParse(text, out boundaries))
            return Problems.BadParameter("boundaries", text, $"one of {string.Join(", ", BoundariesNames.Slugs)}");
        return boundaries == Boundaries.AsWas && !asWasAllowed
            ? Problems.BadParameter("boundaries", text, "public figures are on current boundaries; as-was figures are a partner output")
            : null;
    }
}
