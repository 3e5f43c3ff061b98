namespace AnalysisHub.Cli.Ingest;

/// <summary>Where uploads report what has been answered: the source bytes it covered and its rows.</summary>
public interface IProgressSink
{
    void Advance(long bytes, int records);
}
