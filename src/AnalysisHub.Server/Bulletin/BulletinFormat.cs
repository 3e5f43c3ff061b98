using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace AnalysisHub.Server.Bulletin;

/// <summary>The bulletin's output formats.</summary>
internal enum BulletinOutput
{
    Json,
    Csv,
    Html,
}

/// <summary>Chooses the bulletin's format: <c>?format=json|csv|html</c> wins over <c>Accept</c>; without either, JSON.</summary>
internal static class BulletinFormat
{
    public static readonly string[] Names = ["json", "csv", "html"];

    public static bool TryChoose(string? format, HttpRequest request, out BulletinOutput output)
    {
        output = BulletinOutput.Json;
        if (!string.IsNullOrWhiteSpace(format))
        {
            switch (format.Trim().ToLowerInvariant())
            {
                case "json": output = BulletinOutput.Json; return true;
                case "csv": output = BulletinOutput.Csv; return true;
                case "html": output = BulletinOutput.Html; return true;
                default: return false;
            }
        }

        // The most preferred media type the bulletin can produce (order of the header breaks ties).
        var accepted = request.GetTypedHeaders().Accept;
        if (accepted is null) return true;
        var ranked = accepted.Select((a, i) => (Type: a, Index: i))
            .Where(x => (x.Type.Quality ?? 1) > 0)
            .OrderByDescending(x => x.Type.Quality ?? 1).ThenBy(x => x.Index);
        foreach (var (type, _) in ranked)
        {
            if (Matches(type, "application/json")) { output = BulletinOutput.Json; return true; }
            if (Matches(type, "text/csv")) { output = BulletinOutput.Csv; return true; }
            if (Matches(type, "text/html")) { output = BulletinOutput.Html; return true; }
            if (type.MatchesAllTypes) { output = BulletinOutput.Json; return true; }
        }
        return true;
    }

    /// <summary>The bulletin in the chosen format: <paramref name="json"/> as JSON, or <paramref name="sheet"/> written as CSV or HTML.</summary>
    public static Results<Ok<T>, ContentHttpResult, ProblemHttpResult> Respond<T>(BulletinOutput output, T json, DisclosedBulletin sheet) =>
        Respond(output, json, () => BulletinCsv.Write(sheet), () => BulletinHtml.Write(sheet));

    /// <summary>Any product in the chosen format: <paramref name="json"/> as JSON, or the text <paramref name="csv"/> or <paramref name="html"/> writes.</summary>
    public static Results<Ok<T>, ContentHttpResult, ProblemHttpResult> Respond<T>(BulletinOutput output, T json, Func<string> csv, Func<string> html) => output switch
    {
        BulletinOutput.Csv => TypedResults.Text(csv(), "text/csv", System.Text.Encoding.UTF8),
        BulletinOutput.Html => TypedResults.Text(html(), "text/html", System.Text.Encoding.UTF8),
        _ => TypedResults.Ok(json),
    };

    private static bool Matches(MediaTypeHeaderValue accepted, string mediaType) =>
        string.Equals(accepted.MediaType.Value, mediaType, StringComparison.OrdinalIgnoreCase);
}
