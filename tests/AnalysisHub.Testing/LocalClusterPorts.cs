using System.Net;
using System.Net.Sockets;

namespace AnalysisHub.Testing;

/// <summary>
/// The ports deploy/local-cluster.sh derives from its base port (see the script's header): gateway HTTP = base,
/// silo I HTTP = base+I, silo I Orleans = base+100+I, silo I client gateway = base+200+I, PostgreSQL = base+300.
/// </summary>
public static class LocalClusterPorts
{
    /// <summary>A base port whose every derived port is free for a cluster of <paramref name="silos"/> silos.</summary>
    public static int FreeBase(int silos)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 40_000);
            if (Of(candidate, silos).All(IsFree)) return candidate;
        }
        throw new InvalidOperationException("no free port range for a local cluster");
    }

    /// <summary>Every port a cluster of <paramref name="silos"/> silos on <paramref name="basePort"/> listens on.</summary>
    public static IEnumerable<int> Of(int basePort, int silos)
    {
        yield return basePort;
        for (var silo = 1; silo <= silos; silo++)
        {
            yield return basePort + silo;
            yield return basePort + 100 + silo;
            yield return basePort + 200 + silo;
        }
        yield return basePort + 300;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
