using System.CommandLine;
using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli;

/// <summary>The options every command takes: which hub, and which key.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Server = new("--server")
    {
        Description = $"the hub's address (default: HUB_SERVER, else {HubConnection.DefaultServer})",
        HelpName = "URL",
        Recursive = true,
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = $"API key sent as X-Api-Key (default: HUB_KEY, else {HubConnection.AdminKeyFile} under the current folder when readable)",
        HelpName = "KEY",
        Recursive = true,
    };

    public static HubConnection Connection(ParseResult parsed, CliConsole console) =>
        HubConnection.Resolve(parsed.GetValue(Server), parsed.GetValue(Key), console);
}
