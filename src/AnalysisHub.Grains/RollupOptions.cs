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
    /// How often an authority writes its cells to grain storage (when changed) and trims the change log,
    /// and looks in the log for changes it was not told about.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one push from an authority to a footprint.</summary>
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
