namespace AnalysisHub.Cli.Demo;

/// <summary>What the generator made, to print before the upload's own counts.</summary>
public sealed class DemoSummary
{
    public SortedDictionary<string, long> Originals { get; } = new(StringComparer.Ordinal);
    public long Corrections { get; set; }
    public long Cancellations { get; set; }
    public long LinkedToPolice { get; set; }
    public long SurgeExtra { get; set; }

    public void Count(string feed) => Originals[feed] = Originals.GetValueOrDefault(feed) + 1;
}
