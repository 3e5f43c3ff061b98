using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AnalysisHub.Server.Hosting;

/// <summary>Ready when the ledger answers and a grain answers through the silo.</summary>
internal sealed class ReadinessCheck(IChangeLog ledger, IGrainFactory grains, GeographyRegistry geography) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var authority = geography.Authorities[0];
            ledger.CurrentSequence(authority.Code!);
            await grains.GetGrain<IAuthorityGrain>(authority.Id).GetAppliedSequence().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("ledger or silo not answering", e);
        }
    }
}
