using System.Net;
using AnalysisHub.Grains;
using Orleans.Configuration;

namespace AnalysisHub.Server.Hosting;

/// <summary>The Orleans side of a node: a silo (embedded or clustered), or a client for a gateway node.</summary>
internal static class OrleansSetup
{
    public static void ConfigureSilo(ISiloBuilder silo, HubOptions hub, GrainStateStore grainState)
    {
        // Grain calls join the HTTP request's trace.
        silo.AddActivityPropagation();
        if (hub.Storage == StorageKind.Sqlite)
        {
            // SQLite has no membership table: one silo on this machine.
            silo.UseLocalhostClustering(hub.SiloPort, hub.GatewayPort, serviceId: hub.ServiceId, clusterId: hub.ClusterId);
        }
        else
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = grainState.Invariant;
                options.ConnectionString = grainState.ConnectionString;
            });
            // The hub's own settings first; under Kubernetes the pod's (ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID, POD_IP,
            // POD_NAME) then win where given, so a gateway and its silos agree either way.
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = hub.ClusterId;
                options.ServiceId = hub.ServiceId;
            });
            if (hub.Kubernetes)
            {
                silo.Configure<EndpointOptions>(options =>
                {
                    options.SiloPort = hub.SiloPort;
                    options.GatewayPort = hub.GatewayPort;
                });
                silo.UseKubernetesHosting();
            }
            else
            {
                silo.ConfigureEndpoints(AdvertisedAddress(hub), hub.SiloPort, hub.GatewayPort, listenOnAnyHostAddress: true);
            }
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = ClusterTimings.ProbeTimeout;
                options.NumMissedProbesLimit = ClusterTimings.NumMissedProbesLimit;
                options.IAmAliveTablePublishTimeout = ClusterTimings.IAmAlivePublish;
            });
            silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = ClusterTimings.ResponseTimeout);
        }
        // The same ADO.NET provider serves SQLite and PostgreSQL: one persistence path.
        silo.AddAdoNetGrainStorage(StorageNames.Checkpoints, options =>
        {
            options.Invariant = grainState.Invariant;
            options.ConnectionString = grainState.ConnectionString;
        });
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.Checkpoints)
            .Configure<Orleans.Serialization.Serializer>((options, serializer) => options.GrainStorageSerializer = new CheckpointSerializer(serializer));
    }

    public static void ConfigureClient(IClientBuilder client, HubOptions hub)
    {
        client.AddActivityPropagation();
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = hub.ConnectionString;
        });
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = hub.ClusterId;
            options.ServiceId = hub.ServiceId;
        });
        client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = ClusterTimings.GatewayListRefresh);
        client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = ClusterTimings.ResponseTimeout);
        // A gateway may start before any silo: keep trying rather than fail the node.
        client.UseConnectionRetryFilter(async (_, cancel) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
            return true;
        });
    }

    private static IPAddress AdvertisedAddress(HubOptions hub)
    {
        if (string.IsNullOrWhiteSpace(hub.AdvertisedAddress)) return IPAddress.Loopback;
        if (IPAddress.TryParse(hub.AdvertisedAddress, out var address)) return address;
        return Dns.GetHostAddresses(hub.AdvertisedAddress).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"Hub:AdvertisedAddress '{hub.AdvertisedAddress}' does not resolve to an IPv4 address");
    }
}
