using System.Collections.Concurrent;
using System.Text.Json;

namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// What the hub answered for every batch, summed across parallel uploads: the five decisions, the rows it
/// refused (placed in their source) and the exit code they call for.
/// </summary>
public sealed class IngestTally
{
    private long _accepted, _updated, _duplicates, _stale, _cancelled, _rows, _batches, _refusedRows, _problems;
    private int _exitCode;
    private readonly ConcurrentQueue<RejectedRow> _rejected = new();
    private readonly ConcurrentQueue<string> _notes = new();

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Updated => Interlocked.Read(ref _updated);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Stale => Interlocked.Read(ref _stale);
    public long Cancelled => Interlocked.Read(ref _cancelled);
    /// <summary>Rows acknowledged by the hub (the sum of the five decisions).</summary>
    public long Acknowledged => Accepted + Updated + Duplicates + Stale + Cancelled;
    /// <summary>Rows sent in batches that the hub refused; nothing of those batches was applied.</summary>
    public long RefusedRows => Interlocked.Read(ref _refusedRows);
    public long Rows => Interlocked.Read(ref _rows);
    public long Batches => Interlocked.Read(ref _batches);
    /// <summary>All the problems the hub reported, including those it counted but did not list.</summary>
    public long Problems => Interlocked.Read(ref _problems);
    public int ExitCode => Volatile.Read(ref _exitCode);
    public IReadOnlyCollection<RejectedRow> Rejected => _rejected;
    public IReadOnlyCollection<string> Notes => _notes;

    /// <summary>A 200: the counts of <c>{"accepted","updated","duplicates","stale","cancelled"}</c>.</summary>
    public void Acknowledge(int rows, JsonElement counts)
    {
        Interlocked.Add(ref _accepted, counts.GetProperty("accepted").GetInt64());
        Interlocked.Add(ref _updated, counts.GetProperty("updated").GetInt64());
        Interlocked.Add(ref _duplicates, counts.GetProperty("duplicates").GetInt64());
        Interlocked.Add(ref _stale, counts.GetProperty("stale").GetInt64());
        Interlocked.Add(ref _cancelled, counts.GetProperty("cancelled").GetInt64());
        Interlocked.Add(ref _rows, rows);
        Interlocked.Increment(ref _batches);
    }

    /// <summary>A refused batch: its rows, the problems listed, how many there were in all, and the exit code it calls for.</summary>
    public void Refuse(int rows, IEnumerable<RejectedRow> problems, long problemCount, int exitCode, string? note = null)
    {
        foreach (var p in problems) _rejected.Enqueue(p);
        if (note is not null) _notes.Enqueue(note);
        Interlocked.Add(ref _problems, problemCount);
        Interlocked.Add(ref _refusedRows, rows);
        Interlocked.Add(ref _rows, rows);
        Interlocked.Increment(ref _batches);
        Raise(exitCode);
    }

    public void Raise(int exitCode)
    {
        int current;
        while ((current = Volatile.Read(ref _exitCode)) < exitCode && Interlocked.CompareExchange(ref _exitCode, exitCode, current) != current) { }
    }

    public string Decisions() =>
        $"accepted {Accepted:N0}, updated {Updated:N0}, duplicates {Duplicates:N0}, stale {Stale:N0}, cancelled {Cancelled:N0}";
}
