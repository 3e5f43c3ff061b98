using System.Globalization;
using System.Text;

namespace AnalysisHub.Cli.Tests.Support;

/// <summary>What a run of <c>hub</c> returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the command in process, as a terminal-less job would (plain progress lines), with its own folder,
/// environment and standard input.
/// </summary>
public sealed class CliRun
{
    public string WorkingDirectory { get; init; } = Path.GetTempPath();
    public Dictionary<string, string> Environment { get; init; } = new();
    public byte[] Input { get; init; } = [];
    public CancellationToken Cancellation { get; init; }

    /// <summary>A terminal to draw live progress on; null runs the command as a job without one (plain lines).</summary>
    public Spectre.Console.IAnsiConsole? Terminal { get; init; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            OpenInput = () => new MemoryStream(Input),
            Environment = name => Environment.GetValueOrDefault(name),
            WorkingDirectory = WorkingDirectory,
            Cancellation = Cancellation,
            Interactive = Terminal is not null,
            Ansi = Terminal,
        };
        // The assertions read numbers as an English-speaking terminal prints them (5,838); the culture flows to the upload tasks.
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
        var code = await HubCommand.RunAsync(args, console);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
