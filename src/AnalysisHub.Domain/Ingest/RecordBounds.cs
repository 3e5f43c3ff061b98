namespace AnalysisHub.Domain.Ingest;

/// <summary>
/// The limits a record must respect beyond its syntax: how far back and ahead <c>occurredAt</c> may lie, and the
/// largest version. A version above 2^53 would not survive a JSON client's numbers, and a version near
/// <see cref="long.MaxValue"/> would make every later correction stale for ever.
/// </summary>
public sealed record RecordBounds
{
    public static readonly RecordBounds Default = new();

    /// <summary>The earliest local day an event may have happened on.</summary>
    public DateOnly Earliest { get; init; } = new(1990, 1, 1);

    /// <summary>How far ahead of the server clock a record may be dated (clock skew between sources).</summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The earliest local day a stored record can lie on, whatever this hub accepts now: earlier versions took
    /// records from 1900 on (less a day's margin for the clock), and a search for a footprint's first record may
    /// stop there. Configured bounds never reach below it.
    /// </summary>
    public static DateOnly EarliestStored { get; } = new(1899, 12, 31);

    /// <summary>The largest version: 2^53, the largest integer every JSON reader holds exactly.</summary>
    public const long MaxVersion = 1L << 53;
}
