using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli.Demo;

/// <summary>An authority as the demo needs it: its ONS code, id and population (from <c>GET /api/v1/footprints?kind=la</c>).</summary>
public sealed record DemoAuthority(string Code, string Id, long Population)
{
    public static async Task<List<DemoAuthority>> LoadAsync(HubClient hub, CancellationToken cancel)
    {
        using var document = await hub.GetJsonAsync("api/v1/footprints?kind=la", cancel);
        return document.RootElement.EnumerateArray()
            .Select(f => new DemoAuthority(f.GetProperty("code").GetString()!, f.GetProperty("id").GetString()!, f.GetProperty("population").GetInt64()))
            .OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
    }
}
