using AnalysisHub.Cli;

// Ctrl+C cancels the running command (an upload stops between batches, a tail ends) instead of killing it mid-write.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await HubCommand.RunAsync(args, CliConsole.System(cancel.Token));
