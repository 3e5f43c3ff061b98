namespace AnalysisHub.Contracts;

/// <summary>
/// An authority's cells as of its flush number <see cref="FlushSequence"/> in activation <see cref="Epoch"/>:
/// what a footprint needs to (re)build its sum without double counting later flushes.
/// </summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.CellSnapshot")]
public sealed record CellSnapshot(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long FlushSequence,
    [property: Id(2)] byte[] Cells);
