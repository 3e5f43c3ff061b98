using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Storage;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Hosting;

/// <summary>Hands each commit's changes to the authority grains: one call per touched authority, never per record.</summary>
internal sealed class GrainChangeSink(IGrainFactory grains, IOptions<HubOptions> options) : IChangeSink
{
    public Task PublishAsync(IReadOnlyList<AuthorityChanges> changes) =>
        Task.WhenAll(changes.Select(c => grains.GetGrain<IAuthorityGrain>(c.AuthorityId)
            .ApplyChanges(c.FirstSequence, c.Sequence, CellCodec.Encode(c.Deltas.ToList()), c.CommittedAt?.ToUnixTimeMilliseconds() ?? 0)
            .WaitAsync(options.Value.GrainCallTimeout)));
}
