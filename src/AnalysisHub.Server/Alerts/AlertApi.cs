using System.Globalization;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Server.Shared;
using AnalysisHub.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Alerts;

/// <summary>
/// <c>GET /api/v1/alerts?footprint=&amp;since=&amp;include=withdrawn&amp;granularity=</c>: standing alerts, newest first; with
/// <c>include=withdrawn</c> also the withdrawn ones, each with its <c>withdrawnAt</c> and <c>reason</c>. Each alert
/// says its <c>granularity</c>: <c>week</c> (an ISO week) or <c>month</c> (a calendar month, for month-precision
/// feeds); <c>granularity=week|month</c> lists only those.
/// </summary>
public static class AlertApi
{
    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts", List).WithTags("Surveillance").WithName("ListAlerts")
            .WithSummary("Exceedance alerts raised automatically for every footprint's violence measures, weekly and monthly, newest first (withdrawn ones with include=withdrawn; granularity=week|month for one kind).");
        return app;
    }

    private static Results<Ok<IReadOnlyList<Alert>>, ProblemHttpResult> List(string? footprint, string? since, string? include, string? granularity, GeographyRegistry geography, IAlertStore store)
    {
        var withdrawn = false;
        if (!string.IsNullOrEmpty(include))
        {
            if (!string.Equals(include, "withdrawn", StringComparison.OrdinalIgnoreCase))
                return Problems.BadParameter("include", include, $"'{include}' is not something alerts can include (only 'withdrawn')");
            withdrawn = true;
        }
        string? id = null;
        if (!string.IsNullOrEmpty(footprint))
        {
            if (geography.Find(footprint) is not { } f) return Problems.FootprintNotFound(footprint);
            id = f.Id;
        }
        DateTimeOffset? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return Problems.BadParameter("since", since, $"'{since}' is not a date or date-time (e.g. 2025-07-01 or 2025-07-01T12:00:00Z)");
            from = parsed;
        }
        if (!string.IsNullOrEmpty(granularity) && granularity is not ("week" or "month" or "day"))
            return Problems.BadParameter("granularity", granularity, $"'{granularity}' is not a granularity alerts are raised at (only 'week', 'month' or 'day': a feed's silence)");
        var alerts = store.List(id, from, includeWithdrawn: withdrawn);
        return TypedResults.Ok(string.IsNullOrEmpty(granularity) ? alerts : alerts.Where(a => a.Granularity == granularity).ToList());
    }
}
