using System.Net;
using System.Text.Json;

namespace AnalysisHub.Cli.Hub;

/// <summary>A hub's final answer to a request (after any retries): its status and body.</summary>
public sealed record HubAnswer(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>A problem-details body as one line: its title and detail, or the raw body when it is not one.</summary>
    public string Problem()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            var root = document.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (title is not null || detail is not null) return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            // not JSON: show what came back
        }
        return Body.Length > 300 ? Body[..300] + "…" : Body;
    }
}
