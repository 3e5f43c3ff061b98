using System.Net.Http.Json;
using System.Text.Json;
using AnalysisHub.Server.Access;

namespace AnalysisHub.Server.Admin;

/// <summary>
/// <c>AnalysisHub.Server verify [--server URL] [--key KEY]</c>: asks a running hub for its recount audit, prints every
/// difference and exits 0 only when there are none (1: differences; 2: the hub could not be asked). The admin key
/// comes from <c>--key</c>, else <c>HUB_KEY</c>, else the embedded hub's <c>data/admin-key</c>.
/// </summary>
internal static class VerifyCommand
{
    public const string Name = "verify";
    public const string DefaultServer = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var server = DefaultServer;
        var key = Environment.GetEnvironmentVariable("HUB_KEY");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--server" && i + 1 < args.Length) server = args[++i];
            else if (args[i] == "--key" && i + 1 < args.Length) key = args[++i];
            else
            {
                error.WriteLine($"usage: AnalysisHub.Server verify [--server URL] [--key KEY]   (unknown argument '{args[i]}')");
                return 2;
            }
        }
        key ??= EmbeddedAdminKey();
        // A recount reads every record: give it the time a large ledger needs.
        using var http = new HttpClient { BaseAddress = new Uri(server), Timeout = TimeSpan.FromMinutes(30) };
        if (key is not null) http.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
        VerifyReport? report;
        try
        {
            using var response = await http.GetAsync("/api/v1/admin/verify");
            if (!response.IsSuccessStatusCode)
            {
                error.WriteLine($"verify: {server} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return 2;
            }
            report = await response.Content.ReadFromJsonAsync<VerifyReport>(JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            error.WriteLine($"verify: could not ask {server}: {e.Message}");
            return 2;
        }
        output.WriteLine($"checked {report!.Authorities} authorities and {report.Footprints} footprints at {report.CheckedAt:O}");
        foreach (var d in report.Differences)
            output.WriteLine($"{d.Footprint} {d.Feed} {d.Category} {d.Day}" +
                             (d.Flags.Count > 0 ? $" [{string.Join(',', d.Flags)}]" : "") +
                             (d.HourOfWeek is { } slot ? $" hour-of-week {slot}" : "") +
                             $": grain {d.Grain}, ledger {d.Ledger}");
        output.WriteLine(report.Differences.Count == 0 ? "no differences" : $"{report.Differences.Count} differences");
        return report.Differences.Count == 0 ? 0 : 1;
    }

    private static string? EmbeddedAdminKey()
    {
        var path = Path.Combine("data", KeyBootstrap.FileName);
        try { return File.Exists(path) ? File.ReadAllText(path).Trim() : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
