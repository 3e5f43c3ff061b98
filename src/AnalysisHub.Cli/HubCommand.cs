using System.CommandLine;
using AnalysisHub.Cli.Ingest;

namespace AnalysisHub.Cli;

/// <summary>The <c>hub</c> command line: its commands, and the one place failures become messages and exit codes.</summary>
public static class HubCommand
{
    public static RootCommand Create(CliConsole console)
    {
        var root = new RootCommand("The AnalysisHub command: load records, import data.police.uk files, query, compare, follow live changes, load demo data.\n" +
                                   "Exit codes: 0 ok, 2 usage, 3 rejected input, 4 server unavailable, 5 not allowed.")
        {
            GlobalOptions.Server, GlobalOptions.Key,
        };
        root.Add(IngestCommand.Create(console));
        root.Add(PoliceUk.ImportCommand.Create(console));
        root.Add(Query.QueryCommand.Create(console));
        root.Add(Query.CompareCommand.Create(console));
        root.Add(Query.TailCommand.Create(console));
        root.Add(Demo.DemoCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var root = Create(console);
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parsed.Errors) await console.Error.WriteLineAsync($"hub: {error.Message}");
            await console.Error.WriteLineAsync("Run 'hub --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(configuration, console.Cancellation);
        }
        catch (HubCommandException e)
        {
            await console.Error.WriteLineAsync($"hub: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (console.Cancellation.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("hub: stopped");
            return 130;
        }
    }
}
