using AnalysisHub.Contracts;
using AnalysisHub.Domain.Changes;

namespace AnalysisHub.Grains.Tests;

/// <summary>Delivers ledger changes to authority grains, as the server's sink does.</summary>
internal sealed class ClientChangeSink(IGrainFactory grains) : IChangeSink
{
    public Task PublishAsync(IReadOnlyList<AuthorityChanges> changes) =>
        Task.WhenAll(changes.Select(c => grains.GetGrain<IAuthorityGrain>(c.Authority.Id).ApplyChanges(c.FirstSequence, c.Sequence, c.Cells, 0)));
}
