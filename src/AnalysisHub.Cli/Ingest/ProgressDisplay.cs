using System.Diagnostics;
using Spectre.Console;

namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// Shows an upload's progress: on a terminal a live bar with records/s and the time left; otherwise (a log,
/// a pipe, a scheduled job) a plain line every few seconds and one at the end, so logs stay readable.
/// </summary>
public sealed class ProgressDisplay : IProgressSink
{
    /// <summary>How often the plain output writes a line.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long? _totalBytes;
    private long _bytes, _records;

    private ProgressDisplay(long? totalBytes) => _totalBytes = totalBytes;

    public void Advance(long bytes, int records)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Add(ref _records, records);
    }

    public long Records => Interlocked.Read(ref _records);
    public TimeSpan Elapsed => _clock.Elapsed;
    public double RecordsPerSecond => Records / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);

    /// <summary>Runs <paramref name="work"/> while showing its progress; <paramref name="totalBytes"/> is null when unknown (standard input).</summary>
    public static async Task<ProgressDisplay> RunAsync(CliConsole console, string label, long? totalBytes, Func<IProgressSink, Task> work)
    {
        var display = new ProgressDisplay(totalBytes);
        if (console.Interactive && console.Ansi is { } ansi)
        {
            await ansi.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(label, maxValue: Math.Max(1, totalBytes ?? 1));
                    task.IsIndeterminate = totalBytes is null;
                    var running = work(display);
                    while (!running.IsCompleted)
                    {
                        display.Draw(task, label);
                        await Task.WhenAny(running, Task.Delay(200));
                    }
                    display.Draw(task, label);
                    await running;
                    task.StopTask();
                });
        }
        else
        {
            var running = work(display);
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(PlainInterval));
                if (!running.IsCompleted) await console.Error.WriteLineAsync(display.Line(label));
            }
            await running;
        }
        return display;
    }

    private void Draw(ProgressTask task, string label)
    {
        task.Value = Math.Min(task.MaxValue, Interlocked.Read(ref _bytes));
        task.Description = $"{Markup.Escape(label)}  [bold]{Records:N0}[/] records  {RecordsPerSecond:N0} records/s";
    }

    /// <summary>One plain progress line: records, rate, share of the bytes and the time left when the total is known.</summary>
    public string Line(string label)
    {
        var line = $"{label}: {Records:N0} records, {RecordsPerSecond:N0} records/s";
        var bytes = Interlocked.Read(ref _bytes);
        if (_totalBytes is > 0 and var total && bytes > 0)
        {
            var left = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (total - bytes) / bytes);
            line += $", {100.0 * bytes / total:0}%, ETA {left:hh\\:mm\\:ss}";
        }
        return line;
    }
}
