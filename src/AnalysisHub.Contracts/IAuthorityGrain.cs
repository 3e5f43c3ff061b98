using Orleans.Concurrency;

namespace AnalysisHub.Contracts;

/// <summary>
/// One local authority (key: <c>la:cardiff</c>): holds its cells, fed by the ledger's change log, and pushes
/// what changed to every footprint containing it.
/// </summary>
[Alias("AnalysisHub.IAuthorityGrain")]
public interface IAuthorityGrain : IRollupGrain
{
    /// <summary>
    /// Change numbers <paramref name="firstSequence"/>..<paramref name="lastSequence"/> of this authority, merged
    /// (cells encoded by CellCodec), the first of them acknowledged at <paramref name="committedAtUnixMs"/> (0 when
    /// unknown; it only feeds the rollup-lag metric). Repeats are ignored; a gap is filled from the log.
    /// </summary>
    [Alias("ApplyChanges")]
    Task ApplyChanges(long firstSequence, long lastSequence, byte[] cells, long committedAtUnixMs);

    /// <summary>The cells as last flushed to footprints.</summary>
    // Always interleaves: a footprint rebuilding itself asks for this while this grain may be waiting on
    // that same footprint in a flush; without interleaving the two would wait for each other.
    [AlwaysInterleave, Alias("GetSnapshot")]
    Task<CellSnapshot> GetSnapshot();

    /// <summary>The change number applied so far (for tests and the readiness of rollups).</summary>
    /// <summary>This activation and its last flush number: what a footprint compares with what it holds.</summary>
    // Always interleaves, as GetSnapshot does: a footprint asks while this grain may be pushing to it.
    [AlwaysInterleave, Alias("GetFlushPosition")]
    Task<MemberFlush> GetFlushPosition();

    [ReadOnly, Alias("GetAppliedSequence")]
    Task<long> GetAppliedSequence();

    /// <summary>Every cell held, with the change number applied so far (for the recount audit).</summary>
    [ReadOnly, Alias("GetCells")]
    Task<AuthorityCells> GetCells();
}
