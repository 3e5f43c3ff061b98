using System.Globalization;
using AnalysisHub.Domain.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Shared;

/// <summary>The one way a query-string date is read: <c>YYYY-MM-DD</c>, nothing else.</summary>
internal static class DateArgument
{
    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary><c>asOf</c>: the day whose footprints are meant, today (in London) when absent; or a problem.</summary>
    public static ProblemHttpResult? AsOf(string? text, TimeProvider clock, out DateOnly day)
    {
        day = LondonTime.Today(clock);
        if (string.IsNullOrEmpty(text)) return null;
        return TryParse(text, out day) ? null : Problems.BadParameter("asOf", text, $"'{text}' is not a date (YYYY-MM-DD)");
    }
}
