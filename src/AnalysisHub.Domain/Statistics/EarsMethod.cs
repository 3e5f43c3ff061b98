namespace AnalysisHub.Domain.Statistics;

/// <summary>The three CDC EARS detectors; they differ only in baseline and guard band (C3 accumulates C2).</summary>
public enum EarsMethod
{
    /// <summary>Baseline y[t−7 … t−1], no guard band; alarm when S &gt; 3.</summary>
    C1,

    /// <summary>Baseline y[t−9 … t−3], a two-period guard band; alarm when S &gt; 3.</summary>
    C2,

    /// <summary>Σ over t−2 … t of max(0, C2 − 1); alarm when above 2.</summary>
    C3,
}
