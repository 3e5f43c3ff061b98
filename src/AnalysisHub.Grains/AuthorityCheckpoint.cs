namespace AnalysisHub.Grains;

/// <summary>
/// An authority's stored state: its cells (CellCodec bytes) as of change number <see cref="Sequence"/>, made
/// under the cell layout <see cref="Fingerprint"/>. Only primitives, so stored state never depends on the
/// names of the hub's types.
/// </summary>
[GenerateSerializer, Alias("AnalysisHub.AuthorityCheckpoint")]
public sealed class AuthorityCheckpoint
{
    [Id(0)] public string Fingerprint { get; set; } = "";
    [Id(1)] public long Sequence { get; set; }
    [Id(2)] public byte[] Cells { get; set; } = [];
}
