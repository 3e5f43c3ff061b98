using AnalysisHub.Domain.Cells;

namespace AnalysisHub.Storage;

/// <summary>
/// What an authority grain reads from the ledger: its numbered cell changes, and a full rebuild when it has
/// no usable checkpoint. Authorities are named by their stable ONS code.
/// </summary>
public interface IChangeLog
{
    /// <summary>Identifies the cell layout; a checkpoint made under another is rebuilt, not read.</summary>
    string Fingerprint { get; }

    long CurrentSequence(string authorityCode);

    IReadOnlyList<(long Sequence, byte[] Cells)> ReadChanges(string authorityCode, long afterSequence);

    void Trim(string authorityCode, long throughSequence);

    (long Sequence, CellTable Cells) Rebuild(string authorityCode);
}
