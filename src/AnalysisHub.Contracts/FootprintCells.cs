namespace AnalysisHub.Contracts;

/// <summary>
/// A footprint's cells (encoded by CellCodec) and, for each member, the flush it has applied last: the sum is
/// comparable with the members' snapshots only when each snapshot is at that same flush.
/// </summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.FootprintCells")]
public sealed record FootprintCells(
    [property: Id(0)] byte[] Cells,
    [property: Id(1)] IReadOnlyDictionary<string, MemberFlush> Members);

/// <summary>A member's flush number <see cref="FlushSequence"/> in its activation <see cref="Epoch"/>.</summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.MemberFlush")]
public readonly record struct MemberFlush(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long FlushSequence);
