using System.CommandLine;
using AnalysisHub.Cli.Hub;
using AnalysisHub.Cli.Ingest;

namespace AnalysisHub.Cli.Demo;

/// <summary><c>hub demo</c>: fills a hub with realistic synthetic records for all five feeds, up to yesterday.</summary>
public static class DemoCommand
{
    private static readonly Option<int> Years = new("--years")
    {
        Description = "years of history up to yesterday",
        DefaultValueFactory = _ => 3,
        Validators = { r => { if (r.GetValueOrDefault<int>() is < 1 or > 10) r.AddError("--years must be 1 to 10"); } },
    };
    private static readonly Option<int> Rate = new("--rate")
    {
        Description = "records per second at most (default 0: as fast as the hub takes them)",
        DefaultValueFactory = _ => 0,
        Validators = { r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--rate must be 0 or more"); } },
    };
    private static readonly Option<int> Seed = new("--seed") { Description = "seed of the synthetic data (the same seed gives the same records)", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> Scale = new("--scale")
    {
        Description = "volume relative to the default (about a tenth of Wales's real volumes)",
        DefaultValueFactory = _ => 1.0,
        Validators = { r => { if (r.GetValueOrDefault<double>() is <= 0 or > 20) r.AddError("--scale must be above 0 and at most 20"); } },
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("demo", "Stream realistic synthetic records for all five feeds into the hub (seasonality, weekend nights, " +
                                          "overlapping services, corrections, cancellations and a surge that raises an alert).")
        {
            Years, Rate, Seed, Scale,
        };
        UploadOptions.AddTo(command);
        command.SetAction(async (parsed, cancel) =>
        {
            var connection = GlobalOptions.Connection(parsed, console);
            using var hub = new HubClient(connection, UploadOptions.Retry(parsed));
            var authorities = await DemoAuthority.LoadAsync(hub, cancel);
            var plan = new DemoPlan(parsed.GetValue(Years), parsed.GetValue(Scale), parsed.GetValue(Seed), LondonClock.Today(DateTimeOffset.Now));
            var generator = new DemoGenerator(plan, authorities);
            var records = generator.Generate();
            var summary = generator.Summary;
            console.Out.WriteLine($"generated {records.Count:N0} rows for {plan.First:yyyy-MM-dd} to {plan.Last:yyyy-MM-dd} (seed {plan.Seed}): " +
                                  string.Join(", ", summary.Originals.Select(f => $"{f.Key} {f.Value:N0}")));
            console.Out.WriteLine($"  {summary.LinkedToPolice:N0} calls, ambulance and ED records of violent crimes; {summary.Corrections:N0} corrections and " +
                                  $"{summary.Cancellations:N0} cancellations sent days later");
            var surge = authorities.FirstOrDefault(a => a.Code == DemoPlan.SurgeAuthority)?.Id ?? DemoPlan.SurgeAuthority;
            console.Out.WriteLine($"  a surge of violence in {surge} in the week of {plan.SurgeWeekStart:yyyy-MM-dd} ({summary.SurgeExtra:N0} extra crimes): its alert appears within a minute");

            var tally = new IngestTally();
            var progress = await ProgressDisplay.RunAsync(console, "demo", records.Count, sink =>
                new BatchUploader(hub, parsed.GetValue(UploadOptions.Parallel), tally, sink)
                    .RunAsync(DemoBatches.Cut(records, UploadOptions.Limits(parsed), parsed.GetValue(Rate)), cancel));
            UploadSummary.Write(console, tally, progress);
            if (tally.ExitCode == ExitCodes.Ok) console.Out.WriteLine($"open {connection.Server} to see it on the dashboard");
            return tally.ExitCode;
        });
        return command;
    }
}
