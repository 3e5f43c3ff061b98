using System.Diagnostics;

namespace AnalysisHub.Cli.Tests;

/// <summary>The built tool as a process, as a scheduled job runs it: its exit code is what the command returned.</summary>
public sealed class ToolProcessTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hub.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_documents_the_exit_codes()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("Exit codes: 0 ok, 2 usage, 3 rejected input, 4 server unavailable, 5 not allowed.", output);
        foreach (var command in new[] { "ingest", "import", "query", "compare", "tail", "demo" }) Assert.Contains("  " + command, output);
    }

    [Fact]
    public async Task A_usage_error_leaves_the_process_with_exit_code_2()
    {
        var (code, _, error) = await RunAsync("ingest");
        Assert.Equal(2, code);
        Assert.Contains("PATH", error);
    }
}
