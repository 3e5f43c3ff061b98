using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Storage;

namespace AnalysisHub.Grains.Tests;

/// <summary>Delivers ledger changes to authority grains, as the server's sink does.</summary>
internal sealed class ClientChangeSink(IGrainFactory grains) : IChangeSink
{
    public Task PublishAsync(IReadOnlyList<AuthorityChanges> changes) =>
        Task.WhenAll(changes.Select(c => grains.GetGrain<IAuthorityGrain>(c.AuthorityId).ApplyChanges(c.FirstSequence, c.Sequence, CellCodec.Encode(c.Deltas.ToList()), 0)));
}
