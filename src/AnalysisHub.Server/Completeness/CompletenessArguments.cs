using System.Globalization;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Completeness;

/// <summary>
/// The completeness query string (bound with <c>[AsParameters]</c>): <c>footprint</c> (default <c>nation:wales</c>) and
/// the months <c>from</c>..<c>to</c>, each <c>YYYY-MM</c> or a date whose month is taken. Neither → the last 12
/// complete months; only <c>from</c> → up to the current month; only <c>to</c> → the 12 months ending with it.
/// </summary>
public sealed class CompletenessArguments : QueryServices
{
    public const string DefaultFootprint = "nation:wales";

    /// <summary>The most months one request may span (22 authorities × 120 months is 2,640 rows).</summary>
    public const int MaxMonths = 120;

    [FromQuery(Name = "footprint")] public string? Footprint { get; init; }
    [FromQuery(Name = "from")] public string? From { get; init; }
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>The months asked (month indexes), or the problem naming the bad parameter.</summary>
    internal ProblemHttpResult? Months(out int first, out int last)
    {
        first = last = 0;
        var current = MonthIndex.Of(LondonTime.Today(Clock));
        int? from = null, to = null;
        if (!string.IsNullOrEmpty(From))
        {
            if (ParseMonth(From) is not { } m) return Problems.BadParameter("from", From, $"'{From}' is not a month (YYYY-MM) or a date (YYYY-MM-DD)");
            from = m;
        }
        if (!string.IsNullOrEmpty(To))
        {
            if (ParseMonth(To) is not { } m) return Problems.BadParameter("to", To, $"'{To}' is not a month (YYYY-MM) or a date (YYYY-MM-DD)");
            to = m;
        }
        (first, last) = (from, to) switch
        {
            (null, null) => (current - 12, current - 1),
            ({ } f, null) => (f, current),
            (null, { } t) => (t - 11, t),
            ({ } f, { } t) => (f, t),
        };
        if (last > current)
            return Problems.BadParameter("to", To, $"{Label(last)} has not begun: the last month that can be judged is the current one, {Label(current)}");
        if (first > last) return Problems.BadParameter("from", From, $"from ({Label(first)}) is after to ({Label(last)})");
        if (last - first + 1 > MaxMonths) return Problems.BadParameter("to", To, $"the range spans {last - first + 1} months; at most {MaxMonths} are allowed");
        return null;
    }

    internal static string Label(int month) => MonthIndex.FirstDay(month).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A month <c>YYYY-MM</c>, or the month of a date <c>YYYY-MM-DD</c>; null when it is neither.</summary>
    internal static int? ParseMonth(string text)
    {
        if (Period.TryParseMonth(text, out var month) && month.Start.Year >= 1000) return MonthIndex.Of(month.Start);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 1000)
            return MonthIndex.Of(day);
        return null;
    }
}
