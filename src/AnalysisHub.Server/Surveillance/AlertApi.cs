using System.Globalization;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Server.Api;
using AnalysisHub.Storage;

namespace AnalysisHub.Server.Surveillance;

/// <summary><c>GET /api/v1/alerts?footprint=&amp;since=</c>: raised alerts, newest first.</summary>
public static class AlertApi
{
    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts", List).WithTags("Surveillance").WithName("ListAlerts")
            .WithSummary("Exceedance alerts raised automatically for every footprint's violence measures, newest first.");
        return app;
    }

    private static IResult List(string? footprint, string? since, GeographyRegistry geography, IAlertStore store)
    {
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
        return TypedResults.Ok(store.List(id, from));
    }
}
