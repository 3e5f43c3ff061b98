using Orleans.Concurrency;

namespace AnalysisHub.Contracts;

/// <summary>
/// A footprint of several authorities (CSP, PSB, RPB, APB, force, Wales, or any set): the sum of its member
/// authorities, each counted once. Derived state only: rebuilt from the members on activation.
/// </summary>
[Alias("AnalysisHub.IFootprintGrain")]
public interface IFootprintGrain : IRollupGrain
{
    /// <summary>Flush <paramref name="flushSequence"/> of a member's activation <paramref name="epoch"/>: cell deltas.</summary>
    [Alias("ApplyMemberChanges")]
    Task ApplyMemberChanges(string memberId, Guid epoch, long flushSequence, byte[] deltas);

    /// <summary>Discards the sum and rebuilds it from every member's snapshot.</summary>
    [Alias("Resync")]
    Task Resync();

    /// <summary>Every cell of the sum, with the member flushes it holds (for the recount audit).</summary>
    [ReadOnly, Alias("GetCells")]
    Task<FootprintCells> GetCells();
}
