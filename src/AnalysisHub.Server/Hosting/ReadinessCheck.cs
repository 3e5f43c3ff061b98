using AnalysisHub.Contracts;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// Ready when this node's silo (if it hosts one) is an active member of the cluster, the storage answers,
/// and a grain answers through the cluster. A load balancer sends no traffic to a node that is not.
/// </summary>
internal sealed class ReadinessCheck(IChangeLog ledger, IGrainFactory grains, GeographyRegistry geography, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var silo = services.GetService<ILocalSiloDetails>();
        if (silo is not null && services.GetService<IClusterMembershipService>() is { } membership)
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            if (status != SiloStatus.Active) return HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status}, not an active member");
        }
        var authority = geography.Authorities[0];
        try
        {
            await ledger.CurrentSequenceAsync(authority, cancellationToken);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("storage not answering", e);
        }
        try
        {
            await grains.GetGrain<IAuthorityGrain>(authority.Id).GetAppliedSequence().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("no grain answering through the cluster", e);
        }
    }
}
