namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// One input: a file (its full path) or standard input (no <see cref="Path"/>), with the feed its records go to
/// and their format, and the count of its batches made and answered, to know when the whole of it is acknowledged.
/// </summary>
public sealed class InputSource(string name, string? path, string feed, RecordFormat format)
{
    private readonly Lock _gate = new();
    private int _batches, _answered, _refused;
    private bool _read, _completed;

    /// <summary>How the source is named in messages: the path as given, or <c>stdin</c>.</summary>
    public string Name { get; } = name;
    public string? Path { get; } = path;
    public string Feed { get; } = feed;
    public RecordFormat Format { get; } = format;

    public void BatchMade()
    {
        lock (_gate) _batches++;
    }

    /// <summary>The last batch has been made; true when every batch was already acknowledged.</summary>
    public bool ReadToEnd()
    {
        lock (_gate)
        {
            _read = true;
            return Completes();
        }
    }

    /// <summary>One batch answered; true when that makes the whole source acknowledged (true once at most).</summary>
    public bool BatchAnswered(bool acknowledged)
    {
        lock (_gate)
        {
            _answered++;
            if (!acknowledged) _refused++;
            return Completes();
        }
    }

    private bool Completes()
    {
        if (_completed || !_read || _answered != _batches || _refused > 0) return false;
        _completed = true;
        return true;
    }
}
