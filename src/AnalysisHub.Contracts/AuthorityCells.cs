namespace AnalysisHub.Contracts;

/// <summary>An authority's cells (encoded by CellCodec) as of its applied change number: what a recount is compared with.</summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.AuthorityCells")]
public sealed record AuthorityCells(
    [property: Id(0)] long Sequence,
    [property: Id(1)] byte[] Cells);
