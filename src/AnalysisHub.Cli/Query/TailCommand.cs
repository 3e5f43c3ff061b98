using System.CommandLine;
using System.Text.Json;
using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli.Query;

/// <summary>
/// <c>hub tail FOOTPRINT --feed …</c>: follows the hub's Server-Sent Events, one line per change, until Ctrl+C.
/// A dropped stream is opened again; the hub's first event on every connection is a snapshot, so nothing is missed.
/// </summary>
public static class TailCommand
{
    private static readonly Argument<string> Footprint = new("FOOTPRINT") { Description = "a footprint id or ONS code" };
    private static readonly Option<string> Feed = new("--feed") { Description = "the feed to follow", Required = true, HelpName = "FEED" };
    private static readonly Option<string?> Category = new("--category") { Description = "a category of the feed", HelpName = "CATEGORY" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("tail", "Follow live changes of a footprint's counts (and alerts), one line per change, until Ctrl+C.") { Footprint, Feed, Category };
        command.SetAction(async (parsed, cancel) =>
        {
            var retry = new RetryPolicy();
            using var hub = new HubClient(GlobalOptions.Connection(parsed, console), retry);
            var path = $"api/v1/footprints/{Uri.EscapeDataString(parsed.GetValue(Footprint)!)}/stream?feed={Uri.EscapeDataString(parsed.GetValue(Feed)!)}" +
                       (parsed.GetValue(Category) is { Length: > 0 } c ? "&category=" + Uri.EscapeDataString(c) : "");
            var failures = 0;
            try
            {
                while (true)
                {
                    try
                    {
                        using var response = await hub.OpenStreamAsync(path, cancel);
                        failures = 0;
                        await ReadEventsAsync(await response.Content.ReadAsStreamAsync(cancel), console.Out, cancel);
                        await console.Error.WriteLineAsync("stream ended; reconnecting");
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException && !cancel.IsCancellationRequested)
                    {
                        if (++failures > retry.Retries)
                            throw new HubCommandException(ExitCodes.ServerUnavailable, $"the hub at {hub.Connection.Server} is not available ({e.Message})");
                        await console.Error.WriteLineAsync($"stream lost ({e.Message}); reconnecting");
                    }
                    await Task.Delay(retry.Delay(Math.Max(1, failures), null), cancel);
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Ctrl+C is how a tail ends.
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    /// <summary>Reads <c>event:</c>/<c>data:</c> pairs until the stream ends, writing a line for each event.</summary>
    public static async Task ReadEventsAsync(Stream stream, TextWriter output, CancellationToken cancel)
    {
        using var reader = new StreamReader(stream);
        string? name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null && data.Count > 0)
                {
                    await output.WriteLineAsync(Describe(name, string.Join("\n", data)));
                    await output.FlushAsync(cancel);
                }
                (name, data) = (null, []);
            }
            else if (line.StartsWith(':')) continue; // heartbeat
            else if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Add(line[5..].TrimStart());
        }
    }

    /// <summary>One line for an event: the time it arrived, the footprint and feed, and each changed period's new count.</summary>
    public static string Describe(string name, string data)
    {
        var time = DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        if (name != "rollupChanged") return $"{time} {name} {root.GetRawText()}";
        var what = $"{OutputFormat.Field(root, "footprint")} {OutputFormat.Field(root, "feed")}" +
                   (OutputFormat.Field(root, "category") is { Length: > 0 } c ? $" {c}" : "");
        var periods = root.GetProperty("periods").EnumerateArray().ToList();
        if (root.TryGetProperty("snapshot", out var snapshot) && snapshot.GetBoolean())
        {
            var lastMonth = periods.LastOrDefault(p => OutputFormat.Field(p, "granularity") == "month");
            return $"{time} watching {what}" + (lastMonth.ValueKind == JsonValueKind.Object
                ? $" (snapshot: {OutputFormat.Field(lastMonth, "period")} {OutputFormat.Field(lastMonth, "count")})" : "");
        }
        return $"{time} {what}: " + string.Join(", ", periods.Select(p => $"{OutputFormat.Field(p, "period")} {OutputFormat.Field(p, "count")}"));
    }
}
