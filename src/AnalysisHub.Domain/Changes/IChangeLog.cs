using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Domain.Changes;

/// <summary>
/// What an authority grain reads from the ledger: its numbered cell changes, and a full rebuild when it has
/// no usable checkpoint.
/// </summary>
/// <remarks>
/// Declared here and implemented by the storage, so the grains depend on this port and not on a database
/// driver. Every call that reaches the database is asynchronous: grains await it and never hold the
/// scheduler's thread while the database answers.
/// </remarks>
public interface IChangeLog
{
    /// <summary>Identifies the cell layout; a checkpoint made under another is rebuilt, not read.</summary>
    string Fingerprint { get; }

    /// <summary>The last change number committed for an authority (0 when none).</summary>
    Task<long> CurrentSequenceAsync(Authority authority, CancellationToken cancellationToken = default);

    /// <summary>The authority's logged changes after <paramref name="afterSequence"/>, in order, cells encoded by CellCodec.</summary>
    Task<IReadOnlyList<(long Sequence, byte[] Cells)>> ReadChangesAsync(Authority authority, long afterSequence,
        CancellationToken cancellationToken = default);

    /// <summary>Drops logged changes up to <paramref name="throughSequence"/>, which a checkpoint now holds.</summary>
    ValueTask TrimAsync(Authority authority, long throughSequence, CancellationToken cancellationToken = default);

    /// <summary>The authority's cells recounted from the records, with the change number they reflect.</summary>
    Task<(long Sequence, CellTable Cells)> RebuildAsync(Authority authority, CancellationToken cancellationToken = default);
}
