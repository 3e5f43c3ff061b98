using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Shared;

/// <summary>RFC 9457 problem details that name what was wrong.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadParameter(string parameter, string? value, string detail) => TypedResults.Problem(
        title: "Invalid parameter",
        detail: $"{parameter}: {detail}",
        statusCode: StatusCodes.Status400BadRequest,
        type: "https://analysishub.example/problems/invalid-parameter",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter, ["value"] = value });

    public static ProblemHttpResult FootprintNotFound(string id, string parameter = "id") => TypedResults.Problem(
        title: "Footprint not found",
        detail: $"No footprint has id or code '{id}'. GET /api/v1/footprints lists them.",
        statusCode: StatusCodes.Status404NotFound,
        type: "https://analysishub.example/problems/footprint-not-found",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter, ["value"] = id });

    public static ProblemHttpResult FeedNotFound(string feed, IEnumerable<string> known) => TypedResults.Problem(
        title: "Feed not found",
        detail: $"There is no feed '{feed}'. Feeds: {string.Join(", ", known)}.",
        statusCode: StatusCodes.Status404NotFound,
        type: "https://analysishub.example/problems/feed-not-found",
        extensions: new Dictionary<string, object?> { ["parameter"] = "feed", ["value"] = feed });

    /// <summary>No key has this id; <paramref name="detail"/> says where it was looked for.</summary>
    public static ProblemHttpResult KeyNotFound(string detail) => TypedResults.Problem(
        title: "Key not found",
        detail: detail,
        statusCode: StatusCodes.Status404NotFound,
        type: "https://analysishub.example/problems/key-not-found");

    public static ProblemHttpResult RecordNotFound(string feed, string id) => TypedResults.Problem(
        title: "Record not found",
        detail: $"The feed '{feed}' holds no record with id '{id}', nor any version of one.",
        statusCode: StatusCodes.Status404NotFound,
        type: "https://analysishub.example/problems/record-not-found",
        extensions: new Dictionary<string, object?> { ["parameter"] = "id", ["value"] = id });

    /// <summary>A write sent in a media type its route does not read; <paramref name="accepted"/> says what it does.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string accepted) => TypedResults.Problem(
        title: "Unsupported media type",
        detail: $"Content-Type '{contentType}' is not accepted; send {accepted}.",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        type: "https://analysishub.example/problems/unsupported-media-type");

    /// <summary>A body over the route's limit (ingest's batches have their own problem, which says how to split them).</summary>
    public static ProblemHttpResult BodyTooLarge(long maxBytes) => TypedResults.Problem(
        title: "Body too large",
        detail: $"The body exceeds {maxBytes:N0} bytes. Split it into several requests.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        type: "https://analysishub.example/problems/body-too-large");

    public static ProblemHttpResult Unavailable(string detail, int retryAfterSeconds, HttpContext context)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Service unavailable",
            detail: detail,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: "https://analysishub.example/problems/unavailable");
    }
}
