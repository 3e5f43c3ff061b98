using System.CommandLine;
using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli.Query;

/// <summary><c>hub compare KIND --feed …</c>: every footprint of a kind against a benchmark (Wales by default).</summary>
public static class CompareCommand
{
    private static readonly Argument<string> Kind = new("KIND") { Description = "la, csp, psb, rpb, apb or force" };
    private static readonly QueryOptions Question = new();
    private static readonly Option<string?> Benchmark = new("--benchmark") { Description = "the footprint to compare with (default nation:wales)", HelpName = "FOOTPRINT" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("compare", "Rates per 100,000 of every footprint of a kind, with 95% intervals, against a benchmark.") { Kind, Benchmark };
        Question.AddTo(command);
        command.SetAction(async (parsed, cancel) =>
        {
            using var hub = new HubClient(GlobalOptions.Connection(parsed, console), new RetryPolicy());
            var path = "api/v1/compare" + Question.QueryString(parsed, ("kind", parsed.GetValue(Kind)), ("benchmark", parsed.GetValue(Benchmark)));
            using var answer = await hub.GetJsonAsync(path, cancel);
            var body = answer.RootElement;
            var format = parsed.GetValue(Question.Format)!;
            if (format == OutputFormat.Table)
                console.Out.WriteLine($"{OutputFormat.Field(body, "kind")} · {OutputFormat.Field(body, "feed")}" +
                                      (OutputFormat.Field(body, "category") is { Length: > 0 } c ? $" · {c}" : "") +
                                      $" · {OutputFormat.Field(body, "from")} to {OutputFormat.Field(body, "to")} · against {OutputFormat.Field(body, "benchmark")}");
            OutputFormat.Write(console.Out, format, body, ["footprint", "name", "count", "population", "ratePer100k", "ci95Lower", "ci95Upper", "comparison"],
                body.GetProperty("rows").EnumerateArray().Select(r => (IReadOnlyList<string>)
                [
                    OutputFormat.Field(r, "footprint"), OutputFormat.Field(r, "name"), OutputFormat.Field(r, "count"), OutputFormat.Field(r, "population"),
                    OutputFormat.Field(r, "ratePer100k", "0.00"), OutputFormat.Cell(r.GetProperty("ci95")[0], "0.00"), OutputFormat.Cell(r.GetProperty("ci95")[1], "0.00"),
                    r.TryGetProperty("isBenchmark", out var b) && b.GetBoolean() ? "benchmark" : OutputFormat.Field(r, "comparison"),
                ]));
            return ExitCodes.Ok;
        });
        return command;
    }
}
