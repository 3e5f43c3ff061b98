using System.Globalization;
using System.Text;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace AnalysisHub.Benchmark;

/// <summary>The history phase written out: a markdown table (<c>history.md</c>) and a chart (<c>history.svg</c>) of throughput and resident memory against records loaded.</summary>
public static class HistoryReport
{
    public static async Task WriteAsync(HistoryResult history, MachineFacts machine, string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "history.md"), Markdown(history, machine));
        await File.WriteAllTextAsync(Path.Combine(folder, "history.svg"), Svg(history));
    }

    private static string Markdown(HistoryResult history, MachineFacts machine)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"# History: {Format.Number(history.Steps.LastOrDefault()?.Records ?? 0)} records over {history.Years} years");
        text.AppendLine();
        text.AppendLine(culture, $"{machine.ProcessorCount} cores ({machine.Cpu ?? "unknown CPU"}), {machine.Os}, {machine.Runtime}; hub and benchmark share the cores.");
        text.AppendLine();
        text.AppendLine("![throughput and resident memory against records loaded](history.svg)");
        text.AppendLine();
        text.AppendLine("| records loaded | records/s to durable ack | hub cores | Wales exact after the step (ms) | resident (MiB) | growth since the previous step |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        double? previous = null;
        foreach (var step in history.Steps)
        {
            var growth = previous is { } p && step.RssMiB is { } r ? $"{(r - p) / p * 100:+0.0;-0.0}%" : "";
            text.AppendLine(culture, $"| {Format.Number(step.Records)} | {Format.Number(step.RecordsPerSecond)} | {step.HubCores:0.00} | " +
                                     $"{step.ExactMilliseconds:0} | {Format.Number(step.RssMiB ?? 0)} | {growth} |");
            previous = step.RssMiB;
        }
        text.AppendLine();
        text.AppendLine(culture, $"Every footprint × feed total exact at the end: {(history.Exact ? "yes" : "no")}.");
        text.AppendLine();
        text.AppendLine(culture, $"After `kill -9` and the same start command: {history.Restart}.");
        return text.ToString();
    }

    private static string Svg(HistoryResult history)
    {
        var model = new PlotModel { Title = "Throughput and resident memory against records loaded", Background = OxyColors.White };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomRight });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "records loaded (millions)", Minimum = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "records/s to durable ack", Key = "rate", Minimum = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Title = "resident memory (MiB)", Key = "memory", Minimum = 0 });
        var rate = new LineSeries { Title = "records/s", YAxisKey = "rate", MarkerType = MarkerType.Circle };
        var memory = new LineSeries { Title = "resident MiB", YAxisKey = "memory", MarkerType = MarkerType.Square, LineStyle = LineStyle.Dash };
        foreach (var step in history.Steps)
        {
            rate.Points.Add(new DataPoint(step.Records / 1e6, step.RecordsPerSecond));
            if (step.RssMiB is { } rss) memory.Points.Add(new DataPoint(step.Records / 1e6, rss));
        }
        model.Series.Add(rate);
        model.Series.Add(memory);
        using var stream = new MemoryStream();
        new SvgExporter { Width = 800, Height = 450 }.Export(model, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
