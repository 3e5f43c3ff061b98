using Spectre.Console;

namespace AnalysisHub.Cli;

/// <summary>
/// The command's surroundings: where it writes, what it reads as standard input, its environment and folder.
/// Passed in rather than read from <see cref="Console"/>, so the tests run the command in process and read
/// what it printed.
/// </summary>
public sealed class CliConsole
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required Func<Stream> OpenInput { get; init; }
    public required Func<string, string?> Environment { get; init; }
    public required string WorkingDirectory { get; init; }

    /// <summary>True when standard error is a terminal: progress is drawn as a live bar, otherwise written as lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Where live progress is drawn when <see cref="Interactive"/>.</summary>
    public IAnsiConsole? Ansi { get; init; }

    /// <summary>Ctrl+C: ends a long upload or a tail between requests.</summary>
    public CancellationToken Cancellation { get; init; }

    public static CliConsole System(CancellationToken cancellation)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new CliConsole
        {
            Out = Console.Out,
            Error = Console.Error,
            OpenInput = Console.OpenStandardInput,
            Environment = global::System.Environment.GetEnvironmentVariable,
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Interactive = !Console.IsErrorRedirected && ansi.Profile.Capabilities.Interactive,
            Ansi = ansi,
            Cancellation = cancellation,
        };
    }

    /// <summary>A path given on the command line, relative to <see cref="WorkingDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
