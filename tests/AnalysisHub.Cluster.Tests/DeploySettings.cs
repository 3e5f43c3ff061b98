using System.Globalization;
using System.Reflection;
using AnalysisHub.Server.Hosting;
using AnalysisHub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace AnalysisHub.Cluster.Tests;

/// <summary>
/// One AnalysisHub process as a deployment file starts it: its environment (the image's ENV overlaid by the file's)
/// and the arguments after the image's entrypoint (<c>dotnet AnalysisHub.Server.dll</c>).
/// </summary>
public sealed record DeployedNode(string Name, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Arguments)
{
    public bool IsMigrate => Arguments.Count > 0 && Arguments[0] == "migrate";

    public DeployedNode WithEnvironment(string name, string value)
    {
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal) { [name] = value };
        return this with { Environment = environment };
    }

    public DeployedNode WithArguments(params string[] more) => this with { Arguments = [.. Arguments, .. more] };
}

/// <summary>
/// Says whether every setting a deployment passes to a node is one the server understands, the way the server
/// itself reads them: environment variables by ASP.NET Core's convention (<c>Hub__Storage</c> → <c>Hub:Storage</c>;
/// <c>ASPNETCORE_</c>/<c>DOTNET_</c> prefixes for host settings), switches through <see cref="HubOptions.CommandLine"/>
/// and the command-line configuration provider, then the server's own check of the sections it owns
/// (<see cref="HubConfiguration.Problems"/>) and of settings that cannot work together (<see cref="HubOptions.Problems"/>).
/// What only a deployment can get wrong (host settings, logging, sections the server does not read, arguments the
/// command line skips, a setting given twice) is checked here.
/// </summary>
public static class DeploySettings
{

    /// <summary>Settings that only the embedded SQLite storage reads: meaningless on a PostgreSQL node.</summary>
    public static readonly IReadOnlySet<string> SqliteOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        $"{HubOptions.Section}:{nameof(HubOptions.DataDirectory)}",
        $"Ledger:{nameof(LedgerOptions.DatabasePath)}",
        $"Ledger:{nameof(LedgerOptions.PageSize)}",
        $"Ledger:{nameof(LedgerOptions.WriterCacheMegabytes)}",
    };

    /// <summary>
    /// Settings a silo hosted by Orleans' Kubernetes hosting ignores (OrleansSetup skips them: ids, address and
    /// ports come from the pod and Orleans' defaults).
    /// </summary>
    public static readonly IReadOnlySet<string> IgnoredOnKubernetesSilo = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        $"{HubOptions.Section}:{nameof(HubOptions.ClusterId)}",
        $"{HubOptions.Section}:{nameof(HubOptions.ServiceId)}",
        $"{HubOptions.Section}:{nameof(HubOptions.AdvertisedAddress)}",
        $"{HubOptions.Section}:{nameof(HubOptions.SiloPort)}",
        $"{HubOptions.Section}:{nameof(HubOptions.GatewayPort)}",
    };

    /// <summary>Environment variables read by Orleans' Kubernetes hosting itself (not configuration keys).</summary>
    public static readonly IReadOnlySet<string> OrleansKubernetesVariables = typeof(KubernetesHostingOptions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.Name.EndsWith("EnvironmentVariable", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Host settings of ASP.NET Core and .NET the deployment files use, with what makes a value valid.</summary>
    private static readonly Dictionary<string, Func<string, string?>> HostSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["urls"] = value => Urls(value) is null ? $"'{value}' is not a ';'-separated list of http(s)://host:port" : null,
        ["http_ports"] = Ports,
        ["https_ports"] = Ports,
        ["environment"] = value => string.IsNullOrWhiteSpace(value) ? "empty environment name" : null,
    };

    /// <summary>The console log formats ASP.NET Core ships (simple, json, systemd).</summary>
    private static readonly string[] ConsoleFormatters = typeof(ConsoleFormatterNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>Every problem with the settings of one node; empty when the server understands all of them.</summary>
    public static IReadOnlyList<string> Check(DeployedNode node)
    {
        var problems = new List<string>();
        void Problem(string message) => problems.Add($"{node.Name}: {message}");

        var arguments = node.IsMigrate ? node.Arguments.Skip(1).ToArray() : node.Arguments.ToArray();
        foreach (var ignored in IgnoredArguments(arguments)) Problem($"argument '{ignored}' is not a setting the server reads (no --switch before it)");
        foreach (var (name, value) in node.Environment)
        {
            if (value.Contains("${", StringComparison.Ordinal)) Problem($"{name}='{value}' is interpolated by the deployment tool: give the value itself");
            if (OrleansKubernetesVariables.Contains(name) && !IsKubernetesSilo(node))
                Problem($"{name} is read by Orleans' Kubernetes hosting only, which runs on silos with Hub:Kubernetes=true");
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = Configuration(node);
        }
        catch (FormatException e)
        {
            Problem($"the command line does not parse: {e.Message}");
            return problems;
        }

        // Each source on its own, so a bad value hidden by a switch over it is still reported.
        var hubNode = Hub(configuration);
        var fromEnvironment = Settings(EnvironmentConfiguration(node));
        var fromArguments = Settings(new ConfigurationBuilder().AddCommandLine(arguments, HubOptions.CommandLine).Build());
        foreach (var (key, value) in fromEnvironment.Concat(fromArguments))
        {
            if (SettingProblem(key, value) is { } problem) Problem(problem);
            if (hubNode is { Storage: StorageKind.Postgres } && SqliteOnly.Contains(key))
                Problem($"{key} is read only by the embedded SQLite storage; this node uses PostgreSQL");
            if (hubNode is { Kubernetes: true, Role: HubRole.Silo } && IgnoredOnKubernetesSilo.Contains(key))
                Problem($"{key} is ignored by a silo with Hub:Kubernetes=true (it comes from the pod and ORLEANS_* variables)");
        }
        foreach (var (key, value) in fromArguments)
            if (fromEnvironment.TryGetValue(key, out var other) && other != value)
                Problem($"{key} is '{other}' in the environment and '{value}' on the command line (the command line wins): say it once");

        // Every key was checked above by the server's own check, source by source; what remains is the server's
        // check of settings that cannot work together, on the node's whole configuration.
        foreach (var problem in hubNode?.Problems() ?? []) Problem($"the server would refuse to start: {problem}");
        return problems;
    }

    /// <summary>The node's configuration as the server builds it (environment, then the command line over it).</summary>
    public static IConfigurationRoot Configuration(DeployedNode node)
    {
        var arguments = node.IsMigrate ? node.Arguments.Skip(1).ToArray() : node.Arguments.ToArray();
        return new ConfigurationBuilder()
            .AddInMemoryCollection(EnvironmentSettings(node))
            .AddCommandLine(arguments, HubOptions.CommandLine)
            .Build();
    }

    private static IConfigurationRoot EnvironmentConfiguration(DeployedNode node) =>
        new ConfigurationBuilder().AddInMemoryCollection(EnvironmentSettings(node)).Build();

    private static IEnumerable<KeyValuePair<string, string?>> EnvironmentSettings(DeployedNode node) => node.Environment
        .Where(kv => !OrleansKubernetesVariables.Contains(kv.Key))
        .Select(kv => new KeyValuePair<string, string?>(ConfigurationKey(kv.Key), kv.Value));

    private static Dictionary<string, string> Settings(IConfiguration configuration) => configuration.AsEnumerable()
        .Where(kv => kv.Value is not null)
        .ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.OrdinalIgnoreCase);

    /// <summary>The node's Hub settings, bound as the server binds them (null when they do not bind).</summary>
    public static HubOptions? Hub(DeployedNode node)
    {
        try
        {
            return Hub(Configuration(node));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The cluster id the node's Orleans side uses (a Kubernetes silo takes it from ORLEANS_CLUSTER_ID).</summary>
    public static string EffectiveClusterId(DeployedNode node) => IsKubernetesSilo(node)
        ? node.Environment.GetValueOrDefault(KubernetesHostingOptions.ClusterIdEnvironmentVariable) ?? ClusterOptions.DefaultClusterId
        : Hub(node)?.ClusterId ?? "";

    /// <summary>The service id the node's Orleans side uses (a Kubernetes silo takes it from ORLEANS_SERVICE_ID).</summary>
    public static string EffectiveServiceId(DeployedNode node) => IsKubernetesSilo(node)
        ? node.Environment.GetValueOrDefault(KubernetesHostingOptions.ServiceIdEnvironmentVariable) ?? ClusterOptions.DefaultServiceId
        : Hub(node)?.ServiceId ?? "";

    public static bool IsKubernetesSilo(DeployedNode node) => Hub(node) is { Kubernetes: true, Role: HubRole.Silo } && !node.IsMigrate;

    /// <summary>
    /// Checks that hold across the nodes of one deployment: one database, one cluster, silos reachable at distinct
    /// addresses, at least one silo and one gateway, a migrate step when nodes run without DDL.
    /// </summary>
    public static IReadOnlyList<string> CheckCluster(IReadOnlyList<DeployedNode> nodes)
    {
        var problems = new List<string>();
        var hubs = nodes.Select(n => (Node: n, Hub: Hub(n))).ToList();
        foreach (var (node, hub) in hubs.Where(h => h.Hub is null)) problems.Add($"{node.Name}: settings do not bind");
        var bound = hubs.Where(h => h.Hub is not null).Select(h => (h.Node, Hub: h.Hub!)).ToList();
        foreach (var (node, hub) in bound.Where(h => h.Hub.Storage != StorageKind.Postgres))
            problems.Add($"{node.Name}: storage {hub.Storage}; a cluster's nodes share one PostgreSQL database");
        var connectionStrings = bound.Select(h => h.Hub.ConnectionString).Distinct().ToList();
        if (connectionStrings.Count > 1) problems.Add($"nodes use {connectionStrings.Count} different connection strings");

        var members = bound.Where(h => !h.Node.IsMigrate).ToList();
        var silos = members.Where(h => h.Hub.Role == HubRole.Silo).ToList();
        var gateways = members.Where(h => h.Hub.Role == HubRole.Gateway).ToList();
        if (silos.Count == 0) problems.Add("no silo node");
        if (gateways.Count == 0) problems.Add("no gateway node (Hub:Role gateway)");
        var clusterIds = members.Select(h => EffectiveClusterId(h.Node)).Distinct().ToList();
        if (clusterIds.Count > 1) problems.Add($"nodes name different clusters: {string.Join(", ", clusterIds)}");
        var serviceIds = members.Select(h => EffectiveServiceId(h.Node)).Distinct().ToList();
        if (serviceIds.Count > 1) problems.Add($"nodes name different services: {string.Join(", ", serviceIds)}");

        var addressed = silos.Where(h => !h.Hub.Kubernetes).ToList();
        foreach (var (node, hub) in addressed.Where(h => string.IsNullOrWhiteSpace(h.Hub.AdvertisedAddress)))
            problems.Add($"{node.Name}: no Hub:AdvertisedAddress; other silos would try to reach it at 127.0.0.1");
        foreach (var same in addressed.Where(h => !string.IsNullOrWhiteSpace(h.Hub.AdvertisedAddress))
                     .GroupBy(h => (h.Hub.AdvertisedAddress!.ToUpperInvariant(), h.Hub.SiloPort)).Where(g => g.Count() > 1))
            problems.Add($"silos {string.Join(", ", same.Select(h => h.Node.Name))} advertise the same address {same.Key.Item1}:{same.Key.SiloPort}");

        if (bound.Any(h => !h.Hub.ApplySchema) && !bound.Any(h => h.Node.IsMigrate))
            problems.Add("nodes run with Hub:ApplySchema=false but nothing runs `migrate`");
        return problems;
    }

    /// <summary>What ASP.NET Core's environment-variable providers make of a variable's name.</summary>
    public static string ConfigurationKey(string environmentVariable)
    {
        foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
            if (environmentVariable.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return environmentVariable[prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
        return environmentVariable.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
    }

    /// <summary>The port an ASP.NET Core URL list listens on (all URLs must agree), or null.</summary>
    public static int? HttpPort(IConfiguration configuration)
    {
        var urls = Urls(configuration["urls"] ?? "");
        return urls is { Count: > 0 } && urls.Select(u => u.Port).Distinct().Count() == 1 ? urls[0].Port : null;
    }

    private static HubOptions? Hub(IConfiguration configuration)
    {
        try
        {
            return HubOptions.From(configuration);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Why the server would not understand this configuration key and value (null: it would).</summary>
    public static string? SettingProblem(string key, string value)
    {
        var path = key.Split(ConfigurationPath.KeyDelimiter);
        if (HostSettings.TryGetValue(key, out var hostCheck))
            return hostCheck(value) is { } hostProblem ? $"{key.ToLowerInvariant()}: {hostProblem}" : null;
        if (path.Length == 3 && path[0].Equals("Logging", StringComparison.OrdinalIgnoreCase) && path[1].Equals("LogLevel", StringComparison.OrdinalIgnoreCase))
            return Enum.GetNames<LogLevel>().Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"{key}: '{value}' is not a log level ({string.Join(", ", Enum.GetNames<LogLevel>())})";
        if (key.Equals("Logging:Console:FormatterName", StringComparison.OrdinalIgnoreCase))
            return ConsoleFormatters.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"{key}: '{value}' is not one of {string.Join(", ", ConsoleFormatters)}";
        if (path[0].Equals("Logging", StringComparison.OrdinalIgnoreCase))
            return $"{key} is not a logging setting this check knows (Logging:LogLevel:<category>, Logging:Console:FormatterName)";
        if (!HubConfiguration.Sections.ContainsKey(path[0]))
            return $"{key} is not a setting the server reads (sections: {string.Join(", ", HubConfiguration.Sections.Keys)}; host: {string.Join(", ", HostSettings.Keys)}; Logging:LogLevel:…)";
        // A section the server owns: the server's own check, on this one key.
        var alone = new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]).Build();
        return HubConfiguration.Problems(alone).FirstOrDefault();
    }

    /// <summary>Arguments the command-line provider would silently skip: values with no switch before them.</summary>
    private static IEnumerable<string> IgnoredArguments(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var isSwitch = argument.StartsWith('-') || argument.StartsWith('/');
            if (!isSwitch)
            {
                yield return argument;
                continue;
            }
            if (argument.Contains('=', StringComparison.Ordinal)) continue;
            if (!argument.StartsWith("--", StringComparison.Ordinal) && !argument.StartsWith('/') &&
                !HubOptions.CommandLine.Keys.Contains(argument, StringComparer.OrdinalIgnoreCase))
            {
                yield return argument;
                continue;
            }
            if (i == arguments.Count - 1) yield return argument; // a switch with no value
            else i++;
        }
    }

    private static List<Uri>? Urls(string value)
    {
        var urls = new List<Uri>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcard hosts are not URI hosts.
            var candidate = part.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IsDefaultPort && !candidate.Contains($":{uri.Port}", StringComparison.Ordinal))
                return null;
            urls.Add(uri);
        }
        return urls.Count > 0 ? urls : null;
    }

    private static string? Ports(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            ? null
            : $"'{value}' is not a ';'-separated list of ports";
}
