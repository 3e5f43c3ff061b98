using AnalysisHub.Contracts;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Ingest;

/// <summary>
/// Hands each commit's changes to the authority grains: one call per touched authority, never per record. The
/// cells go as encoded (by the ledger, or by the merge of several commits), not decoded and encoded again.
/// </summary>
internal sealed class GrainChangeSink(IGrainFactory grains, IOptions<HubOptions> options) : IChangeSink
{
    public Task PublishAsync(IReadOnlyList<AuthorityChanges> changes) =>
        Task.WhenAll(changes.Select(c => grains.GetGrain<IAuthorityGrain>(c.Authority.Id)
            .ApplyChanges(c.FirstSequence, c.Sequence, c.Cells, c.CommittedAt?.ToUnixTimeMilliseconds() ?? 0)
            .WaitAsync(options.Value.GrainCallTimeout)));
}
