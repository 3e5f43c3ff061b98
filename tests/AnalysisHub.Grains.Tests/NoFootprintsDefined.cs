using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Grains.Tests;

/// <summary>The test cluster's geography is the shipped one: nothing is ever defined at run time.</summary>
internal sealed class NoFootprintsDefined : IDefinedFootprints
{
    public Task RefreshAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
