using System.CommandLine;
using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli.Query;

/// <summary><c>hub query FOOTPRINT --feed …</c>: a footprint's series of counts and rates per 100,000.</summary>
public static class QueryCommand
{
    private static readonly Argument<string> Footprint = new("FOOTPRINT") { Description = "a footprint id (la:cardiff, csp:cwm-taf, nation:wales) or ONS code (W06000015)" };
    private static readonly QueryOptions Question = new();
    private static readonly Option<string?> Granularity = new("--granularity") { Description = "day, week, month (default), quarter or year", HelpName = "GRANULARITY" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("query", "A footprint's counts and rates per 100,000 over time.") { Footprint, Granularity };
        Question.AddTo(command);
        command.SetAction(async (parsed, cancel) =>
        {
            using var hub = new HubClient(GlobalOptions.Connection(parsed, console), new RetryPolicy());
            var path = $"api/v1/footprints/{Uri.EscapeDataString(parsed.GetValue(Footprint)!)}/series" +
                       Question.QueryString(parsed, ("granularity", parsed.GetValue(Granularity)));
            using var answer = await hub.GetJsonAsync(path, cancel);
            var series = answer.RootElement;
            var format = parsed.GetValue(Question.Format)!;
            if (format == OutputFormat.Table)
            {
                console.Out.WriteLine($"{OutputFormat.Field(series, "footprint")} · {OutputFormat.Field(series, "feed")}" +
                                      (OutputFormat.Field(series, "category") is { Length: > 0 } c ? $" · {c}" : "") +
                                      $" · {OutputFormat.Field(series, "granularity")} · {OutputFormat.Field(series, "from")} to {OutputFormat.Field(series, "to")}" +
                                      $" · population {OutputFormat.Field(series, "population")} ({OutputFormat.Field(series, "populationSource")})");
            }
            OutputFormat.Write(console.Out, format, series, ["period", "start", "end", "count", "ratePer100k", "ci95Lower", "ci95Upper"],
                series.GetProperty("points").EnumerateArray().Select(p => (IReadOnlyList<string>)
                [
                    OutputFormat.Field(p, "period"), OutputFormat.Field(p, "start"), OutputFormat.Field(p, "end"), OutputFormat.Field(p, "count"),
                    OutputFormat.Field(p, "ratePer100k", "0.00"), OutputFormat.Cell(p.GetProperty("ci95")[0], "0.00"), OutputFormat.Cell(p.GetProperty("ci95")[1], "0.00"),
                ]));
            if (format == OutputFormat.Table)
            {
                console.Out.WriteLine($"total {OutputFormat.Field(series, "total")}");
                if (OutputFormat.Field(series, "excludedMonthPrecision") is { Length: > 0 } excluded && excluded != "0")
                    console.Out.WriteLine($"{excluded} month-precision record(s) (data.police.uk) are in no day or week; ask by month to count them");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
