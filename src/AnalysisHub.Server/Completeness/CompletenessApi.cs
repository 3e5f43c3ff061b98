using System.Text.Json;
using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Completeness;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Access;
using AnalysisHub.Server.Ingest;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Completeness;

/// <summary>
/// Feed completeness: <c>GET /api/v1/feeds/{feed}/completeness</c> judges every member authority's months of a feed
/// (partners read it), and <c>PUT /api/v1/feeds/{feed}/deliveries/{authority}/{month}</c> lets the feed's supplier
/// declare a month <c>complete</c> or <c>withdrawn</c> (authorised as ingest of the feed, inside the key's footprints).
/// </summary>
public static class CompletenessApi
{
    /// <summary>The largest declaration body read.</summary>
    public const int MaxDeclarationBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapCompletenessApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/feeds/{feed}/completeness", GetCompleteness).WithTags("Feeds").WithName("GetFeedCompleteness")
            .WithSummary("Per member authority and month: the feed's records, the median of the previous 12 months that had records, and complete/partial/missing/no-history/withdrawn.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        // Audited as an ingest of the feed: a supplier's write, whoever sends it.
        app.MapPut("/api/v1/feeds/{feed}/deliveries/{authority}/{month}", PutDelivery).WithMetadata(IngestEndpoint.Instance)
            .WithTags("Feeds").WithName("DeclareDelivery")
            .WithSummary("A supplier declares a month of its feed in an authority: {\"status\": \"complete\" | \"withdrawn\"}.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<Results<Ok<CompletenessBody>, ProblemHttpResult>> GetCompleteness(string feed, [AsParameters] CompletenessArguments query)
    {
        if (query.Catalog.FindFeed(feed) is not { } target) return Problems.FeedNotFound(feed, query.Catalog.Feeds.Select(f => f.Id));
        var id = string.IsNullOrEmpty(query.Footprint) ? CompletenessArguments.DefaultFootprint : query.Footprint;
        if (query.Geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id, "footprint");
        if (query.Months(out var first, out var last) is { } problem) return problem;

        var judged = await query.Completeness.ReadAsync(target, first, last);
        var rows = new List<CompletenessRow>(footprint.Members.Count * (last - first + 1));
        foreach (var authority in footprint.Members)
            for (var month = first; month <= last; month++)
                if (judged.Of(authority, month) is { } m)
                    rows.Add(new CompletenessRow(authority.Id, CompletenessArguments.Label(month), m.Records, m.Expected, m.Status.ToSlug()));
        return TypedResults.Ok(new CompletenessBody(target.Id, footprint.Id, CompletenessArguments.Label(first), CompletenessArguments.Label(last), rows));
    }

    private static async Task<Results<Ok<DeliveryBody>, ProblemHttpResult>> PutDelivery(string feed, string authority, string month, HttpContext context,
        FeedCatalog catalog, GeographyRegistry geography, IDeliveryStore store, CompletenessReader completeness, TimeProvider clock)
    {
        if (catalog.FindFeed(feed) is not { } target) return Problems.FeedNotFound(feed, catalog.Feeds.Select(f => f.Id));
        if (geography.Find(authority) is not { } place) return AuthorityNotFound(authority);
        if (place.Authority is not { } area)
            return Problems.BadParameter("authority", authority, $"{place.Id} is a {place.Kind}, not a local authority: declare each member authority's month");
        if (!Period.TryParseMonth(month, out var period) || period.Start.Year < 1000)
            return Problems.BadParameter("month", month, $"'{month}' is not a month (YYYY-MM, such as 2025-07)");
        var monthIndex = Domain.Cells.MonthIndex.Of(period.Start);
        var current = Domain.Cells.MonthIndex.Of(LondonTime.Today(clock));
        if (monthIndex > current)
            return Problems.BadParameter("month", month, $"{month} has not begun: a month can be declared from the month itself on ({CompletenessArguments.Label(current)})");

        if (RequestBody.MediaType(context.Request.ContentType) != "application/json")
            return Problems.UnsupportedMediaType(context.Request.ContentType, """application/json: {"status": "complete"} or {"status": "withdrawn"}""");
        using var body = await RequestBody.ReadAsync(context, MaxDeclarationBytes);
        if (body is null) return Problems.BodyTooLarge(MaxDeclarationBytes);
        if (ReadStatus(body.Span, out var status) is { } bad) return bad;

        if (!AreaGrant.For(HubClaims.FootprintsOf(context.User), geography).Allows(area))
            return TypedResults.Problem(title: "Authority outside the key's footprints",
                detail: $"{area.Id} lies outside the key's footprints: a footprint-limited key declares only months of authorities inside them.",
                statusCode: StatusCodes.Status403Forbidden, type: "https://analysishub.example/problems/outside-footprints",
                extensions: new Dictionary<string, object?> { ["parameter"] = "authority", ["value"] = authority });

        var declaration = new DeliveryDeclaration(target.Id, area.Code, monthIndex, status, clock.GetUtcNow(), HubClaims.KeyIdOf(context.User));
        // Not cancelled with the request: once the write starts, the caller's going away must not decide it.
        await store.PutAsync(declaration, CancellationToken.None);
        completeness.Forget(target);
        return TypedResults.Ok(new DeliveryBody(target.Id, area.Id, area.Code, period.Label, status.ToSlug(), declaration.DeclaredAt, declaration.KeyId));
    }

    /// <summary>The declared status of a body <c>{"status": "complete" | "withdrawn"}</c>, or the problem with it.</summary>
    private static ProblemHttpResult? ReadStatus(ReadOnlySpan<byte> body, out DeclaredDelivery status)
    {
        status = default;
        const string expected = "the body is {\"status\": \"complete\"} or {\"status\": \"withdrawn\"}";
        string? value = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 2 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return Problems.BadParameter("status", null, expected);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "status") return Problems.BadParameter(property.Name, null, $"'{property.Name}' is not a field of a declaration; {expected}");
                if (value is not null) return Problems.BadParameter("status", null, "is given twice");
                value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }
        catch (JsonException e)
        {
            return Problems.BadParameter("status", null, $"the body is not JSON ({e.Message}); {expected}");
        }
        if (value is null) return Problems.BadParameter("status", null, $"is required; {expected}");
        return DeliveryStatusNames.TryParseDeclared(value, out status)
            ? null
            : Problems.BadParameter("status", value, $"'{value}' is not a status a supplier declares; one of {string.Join(", ", DeliveryStatusNames.Declarable)}");
    }

    private static ProblemHttpResult AuthorityNotFound(string authority) => TypedResults.Problem(
        title: "Authority not found",
        detail: $"No local authority has id or code '{authority}'. GET /api/v1/footprints?kind=la lists them.",
        statusCode: StatusCodes.Status404NotFound,
        type: "https://analysishub.example/problems/authority-not-found",
        extensions: new Dictionary<string, object?> { ["parameter"] = "authority", ["value"] = authority });
}
