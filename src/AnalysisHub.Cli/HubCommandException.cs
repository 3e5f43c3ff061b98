namespace AnalysisHub.Cli;

/// <summary>A failure that ends the command with a message for the user and one of the <see cref="ExitCodes"/>.</summary>
public sealed class HubCommandException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static HubCommandException Usage(string message) => new(ExitCodes.Usage, message);
}
