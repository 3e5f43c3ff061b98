namespace AnalysisHub.Grains;

/// <summary>Timing of the rollup grains.</summary>
public sealed class RollupOptions
{
    /// <summary>
    /// How often an authority pushes its changed cells to the footprints containing it. Debouncing keeps the
    /// Wales grain's load at (authorities × flushes per second) however fast records arrive.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often an authority writes its cells to grain storage (when changed) and trims the change log.
    /// </summary>
    // Each checkpoint rewrites the authority's whole cell table (hundreds of KB to MB with years of history), so
    // its cost grows with history while a recovery only replays the log written since: measured on PostgreSQL,
    // 22 authorities checkpointing every 5 s during a bulk load took most of the database's write capacity.
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an authority looks in the change log for changes it was not told about (a lost push).</summary>
    public TimeSpan LogCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one push from an authority to a footprint.</summary>
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
