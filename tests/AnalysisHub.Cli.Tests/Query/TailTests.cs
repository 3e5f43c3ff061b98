using System.Text;
using AnalysisHub.Cli.Tests.Support;

namespace AnalysisHub.Cli.Tests.Query;

[Collection(CliHubCollection.Name)]
public sealed class TailTests(CliHub shared)
{
    /// <summary>A writer the test can read while the command writes to it from another thread.</summary>
    private sealed class LiveWriter : StringWriter
    {
        private readonly Lock _gate = new();
        public override void Write(char value) { lock (_gate) base.Write(value); }
        public override void Write(string? value) { lock (_gate) base.Write(value); }
        public override void WriteLine(string? value) { lock (_gate) base.WriteLine(value); }
        public override Task WriteLineAsync(string? value) { WriteLine(value); return Task.CompletedTask; }
        public string Text { get { lock (_gate) return ToString(); } }
    }

    private static async Task Until(LiveWriter output, Func<string, bool> seen, Task running)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!seen(output.Text))
        {
            Assert.False(running.IsCompleted, "tail ended early:\n" + output.Text);
            Assert.True(DateTime.UtcNow < deadline, "not seen:\n" + output.Text);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Tail_prints_a_line_per_change_until_cancelled_and_then_exits_0()
    {
        var output = new LiveWriter();
        using var stop = new CancellationTokenSource();
        var console = new CliConsole
        {
            Out = output, Error = output, OpenInput = () => Stream.Null, Environment = _ => null,
            WorkingDirectory = shared.Root, Cancellation = stop.Token,
        };
        var running = HubCommand.RunAsync(["--server", shared.Server, "tail", "la:torfaen", "--feed", "calls"], console);
        await Until(output, t => t.Contains("watching la:torfaen calls"), running);

        // A day long past: the demo's records (recent days) cannot change its count, so the line seen is this record's.
        var day = new DateTime(2009, 6, 15);
        var record = $$"""{"id":"tail-{{Guid.NewGuid():N}}","occurredAt":"{{day:yyyy-MM-dd}}T12:00:00Z","area":"W06000020","category":"administration"}""";
        var ingest = await new CliRun { WorkingDirectory = shared.Root, Input = Encoding.UTF8.GetBytes(record + "\n") }
            .RunAsync("--server", shared.Server, "ingest", "-", "--feed", "calls");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        await Until(output, t => t.Contains($"la:torfaen calls: {day:yyyy-MM-dd} 1,"), running);
        await stop.CancelAsync();
        Assert.Equal(0, await running);
    }
}
