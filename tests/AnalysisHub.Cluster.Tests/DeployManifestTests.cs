using System.Globalization;
using AnalysisHub.Server.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace AnalysisHub.Cluster.Tests;

/// <summary>
/// The deployment files under deploy/ (there is no Docker engine or Kubernetes API here to try them): every setting
/// they pass to a node is one the server understands, bound to the server's own option types, and the nodes they
/// start form one cluster on one database.
/// </summary>
public sealed class DeployManifestTests
{
    private const string ImageName = "analysishub";
    private static readonly string Root = HubProcess.SolutionDirectory();
    private static readonly string Deploy = Path.Combine(Root, "deploy");

    /// <summary>The host's default time to stop (HostOptions.ShutdownTimeout): a stop must be allowed longer.</summary>
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    private static DeployDockerfile Image() => DeployDockerfile.Load(Path.Combine(Deploy, "Dockerfile"));

    private static DeployCompose Compose() => DeployCompose.Load(Path.Combine(Deploy, "docker-compose.yml"), Root, Image());

    private static DeployKubernetes Kubernetes() => DeployKubernetes.Load(Path.Combine(Deploy, "kubernetes"), Image(), ImageName);

    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, "\n" + string.Join("\n", list));
    }

    private static int HttpPort(DeployedNode node) =>
        DeploySettings.HttpPort(DeploySettings.Configuration(node)) ?? throw new InvalidOperationException($"{node.Name}: no single HTTP port in urls");

    [Fact]
    public void Dockerfile_builds_the_server_from_the_repository_root()
    {
        var image = Image();
        var problems = new List<string>();
        var froms = image.Instructions.Where(i => i.Instruction == "FROM").Select(i => i.Arguments).ToList();
        if (!froms[0].StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 ", StringComparison.Ordinal)) problems.Add($"build stage is {froms[0]}");
        if (!froms[^1].StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal)) problems.Add($"runtime stage is {froms[^1]}");

        // Every COPY from the context names something in the repository (the context is its root).
        var copies = image.ContextCopies();
        foreach (var (_, source) in copies)
            if (!File.Exists(Path.Combine(Root, source)) && !Directory.Exists(Path.Combine(Root, source)))
                problems.Add($"COPY {source}: no such file in the repository");

        // Restore sees the package versions and every project the server builds from, before the sources.
        var instructions = image.Instructions.ToList();
        var restore = instructions.FindIndex(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var publish = instructions.FindIndex(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        if (restore < 0 || publish < restore) problems.Add("no `dotnet restore` before `dotnet publish`");
        var beforeRestore = copies.Where(c => c.Index < restore).Select(c => c.Source.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var beforePublish = copies.Where(c => c.Index < publish).Select(c => c.Source.TrimEnd('/') + "/").ToList();
        foreach (var needed in new[] { "Directory.Packages.props", "Directory.Build.props" }.Where(f => File.Exists(Path.Combine(Root, f))))
            if (!beforeRestore.Contains(needed)) problems.Add($"{needed} is not copied before restore");
        var projects = DeployProjects.ServerClosure(Root);
        Assert.Contains("src/AnalysisHub.Domain/AnalysisHub.Domain.csproj", projects);
        foreach (var project in projects)
        {
            if (!beforeRestore.Contains(project)) problems.Add($"{project} is not copied before restore (layer caching, and restore needs it)");
            if (!beforePublish.Any(prefix => (project + "/").StartsWith(prefix, StringComparison.Ordinal)))
                problems.Add($"{project}'s folder is not copied before publish");
            foreach (var outside in DeployProjects.OutsideFolders(Root, project))
                if (!beforePublish.Any(prefix => (outside + "/").StartsWith(prefix, StringComparison.Ordinal)))
                    problems.Add($"{project} includes files from {outside}, which is not copied before publish");
        }

        var runtime = image.Instructions.Where(i => i.Stage == image.LastStage).ToList();
        var exposed = runtime.Where(i => i.Instruction == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture)).ToHashSet();
        var imageNode = new DeployedNode("image", image.Environment, []);
        foreach (var port in new[] { HttpPort(imageNode), EndpointOptions.DEFAULT_SILO_PORT, EndpointOptions.DEFAULT_GATEWAY_PORT })
            if (!exposed.Contains(port)) problems.Add($"port {port} is not exposed");
        var host = new Uri(DeploySettings.Configuration(imageNode)["urls"]!.Split(';')[0].Replace("+", "0.0.0.0", StringComparison.Ordinal)).Host;
        if (host is "127.0.0.1" or "localhost") problems.Add("the image listens on loopback only: unreachable from outside the container");

        var user = runtime.LastOrDefault(i => i.Instruction == "USER").Arguments;
        if (user is null or "root" or "0") problems.Add("the runtime stage runs as root");
        var entrypoint = image.ExecForm("ENTRYPOINT");
        var assembly = typeof(HubOptions).Assembly.GetName().Name + ".dll";
        if (entrypoint is null || !entrypoint.SequenceEqual(["dotnet", assembly])) problems.Add($"ENTRYPOINT is not [\"dotnet\", \"{assembly}\"]");
        if (runtime.Any(i => i.Instruction == "HEALTHCHECK" && !i.Arguments.StartsWith("NONE", StringComparison.Ordinal)))
            problems.Add("HEALTHCHECK: the aspnet image has no curl or wget to run one");

        // The image's own ENV is understood by the server, like everything the deployments add.
        problems.AddRange(DeploySettings.Check(imageNode));

        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        foreach (var pattern in new[] { ".git", "**/bin", "**/obj", "**/node_modules" })
            if (!ignored.Contains(pattern)) problems.Add($".dockerignore does not exclude {pattern}");
        if (ignored.Contains("**/data") || ignored.Contains("data"))
            problems.Add(".dockerignore excludes every data folder, including the dashboard's wwwroot/data");
        AssertNone(problems);
    }

    [Fact]
    public void Compose_nodes_pass_only_settings_the_server_understands()
    {
        var compose = Compose();
        Assert.Equal(new[] { "migrate", "silo1", "silo2", "silo3", "gateway" }, compose.Nodes.Select(n => n.Name));
        AssertNone(compose.Problems.Concat(compose.Nodes.SelectMany(DeploySettings.Check)));
    }

    [Fact]
    public void Compose_nodes_form_one_cluster_on_one_database()
    {
        var compose = Compose();
        var problems = new List<string>(DeploySettings.CheckCluster(compose.Nodes));
        var hubs = compose.Nodes.ToDictionary(n => n.Name, n => DeploySettings.Hub(n)!);

        // Silos advertise the name other containers resolve them by: their service name (or hostname).
        foreach (var (name, hub) in hubs.Where(h => h.Value.Role == HubRole.Silo && !compose.Nodes.Single(n => n.Name == h.Key).IsMigrate))
        {
            var service = compose.Service(name);
            var names = new[] { name, service.Text("hostname") }.OfType<string>();
            if (!names.Contains(hub.AdvertisedAddress, StringComparer.OrdinalIgnoreCase))
                problems.Add($"{name} advertises '{hub.AdvertisedAddress}', which is not its service name or hostname");
            if (Duration(service.Text("stop_grace_period")) <= HostShutdownTimeout)
                problems.Add($"{name}: stop_grace_period must exceed the host's {HostShutdownTimeout.TotalSeconds} s shutdown, or the silo is killed mid hand-off");
        }

        // The gateway is what the host reaches: its HTTP port is published.
        var gateways = compose.Nodes.Where(n => hubs[n.Name].Role == HubRole.Gateway && !n.IsMigrate).ToList();
        foreach (var gateway in gateways)
        {
            var targets = compose.Service(gateway.Name).Get("ports").Items()
                .Select(p => p.Text() is { } shortForm ? shortForm.Split(':')[^1].Split('/')[0] : p.Text("target"))
                .ToList();
            if (!targets.Contains(HttpPort(gateway).ToString(CultureInfo.InvariantCulture)))
                problems.Add($"{gateway.Name} listens on {HttpPort(gateway)} but publishes [{string.Join(", ", targets)}]");
        }

        // The connection string reaches the compose PostgreSQL with the user, password and database it creates.
        var connection = new NpgsqlConnectionStringBuilder(hubs["migrate"].ConnectionString);
        var postgres = compose.Service(connection.Host!);
        if (postgres is null || !(postgres.Text("image") ?? "").StartsWith("postgres:", StringComparison.Ordinal))
            problems.Add($"the connection string's host '{connection.Host}' is not a PostgreSQL service of this file");
        else
        {
            var environment = postgres.Get("environment").StringMap();
            if (environment.GetValueOrDefault("POSTGRES_USER") != connection.Username) problems.Add("connection string user differs from POSTGRES_USER");
            if (environment.GetValueOrDefault("POSTGRES_PASSWORD") != connection.Password) problems.Add("connection string password differs from POSTGRES_PASSWORD");
            if (environment.GetValueOrDefault("POSTGRES_DB") != connection.Database) problems.Add("connection string database differs from POSTGRES_DB");
            if (!string.Join(' ', postgres.Path("healthcheck", "test").Items().Select(t => t.Text())).Contains("pg_isready", StringComparison.Ordinal))
                problems.Add("PostgreSQL has no pg_isready healthcheck");
            if (postgres.Get("volumes").Items().All(v => !(v.Text() ?? "").EndsWith(":/var/lib/postgresql/data", StringComparison.Ordinal)))
                problems.Add("PostgreSQL's data is not on a volume");
        }

        // The schema step runs once PostgreSQL is healthy; nodes without DDL start once it has succeeded.
        var migrate = compose.Nodes.Single(n => n.IsMigrate);
        if (compose.Service(migrate.Name).Path("depends_on", connection.Host!, "condition").Text() != "service_healthy")
            problems.Add("migrate does not wait for PostgreSQL to be healthy");
        foreach (var node in compose.Nodes.Where(n => !n.IsMigrate && !hubs[n.Name].ApplySchema))
            if (compose.Service(node.Name).Path("depends_on", migrate.Name, "condition").Text() != "service_completed_successfully")
                problems.Add($"{node.Name} runs without DDL but does not wait for {migrate.Name} to complete");
        AssertNone(problems);
    }

    [Fact]
    public void Kubernetes_containers_pass_only_settings_the_server_understands()
    {
        var kubernetes = Kubernetes();
        Assert.Equal(
            new[] { "Deployment/analysishub-gateway", "Deployment/analysishub-silo", "Job/analysishub-migrate" },
            kubernetes.Workloads.Select(w => $"{w.Kind}/{w.Name}").Order(StringComparer.Ordinal));
        var nodes = kubernetes.Workloads.Select(w => w.Node).ToList();
        AssertNone(kubernetes.Problems.Concat(nodes.SelectMany(DeploySettings.Check)).Concat(DeploySettings.CheckCluster(nodes)));
    }

    [Fact]
    public void Kubernetes_silos_meet_orleans_kubernetes_hosting()
    {
        var kubernetes = Kubernetes();
        var problems = new List<string>();
        var silo = kubernetes.Workloads.Single(w => w.Kind == "Deployment" && DeploySettings.Hub(w.Node)!.Role == HubRole.Silo);
        var hub = DeploySettings.Hub(silo.Node)!;
        if (!hub.Kubernetes) problems.Add("silos do not set Hub:Kubernetes=true");

        // The labels Orleans finds its pods by, and the ids it reads from the environment, agree.
        foreach (var (label, variable) in new[]
                 {
                     (KubernetesHostingOptions.ClusterIdLabel, KubernetesHostingOptions.ClusterIdEnvironmentVariable),
                     (KubernetesHostingOptions.ServiceIdLabel, KubernetesHostingOptions.ServiceIdEnvironmentVariable),
                 })
        {
            if (!silo.Labels.TryGetValue(label, out var value)) problems.Add($"pod template lacks the label {label}");
            else if (silo.Node.Environment.GetValueOrDefault(variable) != value) problems.Add($"{variable} is not the pod's {label} label ('{value}')");
        }
        foreach (var (variable, fieldPath) in new[]
                 {
                     (KubernetesHostingOptions.PodNameEnvironmentVariable, "metadata.name"),
                     (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, "metadata.namespace"),
                     (KubernetesHostingOptions.PodIPEnvironmentVariable, "status.podIP"),
                 })
            if (silo.Env(variable).Path("valueFrom", "fieldRef", "fieldPath").Text() != fieldPath)
                problems.Add($"{variable} does not come from the pod's {fieldPath}");

        // Orleans' default ports (a Kubernetes-hosted silo does not take Hub:SiloPort) and the API's.
        var ports = ContainerPorts(silo);
        foreach (var port in new[] { EndpointOptions.DEFAULT_SILO_PORT, EndpointOptions.DEFAULT_GATEWAY_PORT, HttpPort(silo.Node) })
            if (!ports.ContainsValue(port)) problems.Add($"container port {port} is not declared");
        problems.AddRange(Probes(silo, ports));
        if (int.TryParse(silo.PodTemplate.Text("spec", "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture, out var grace) is false || grace <= HostShutdownTimeout.TotalSeconds)
            problems.Add($"terminationGracePeriodSeconds must exceed the host's {HostShutdownTimeout.TotalSeconds} s shutdown");
        if (silo.Object.Text("spec", "replicas") != "3") problems.Add("silo replicas is not 3");
        if (silo.Object.Text("spec", "strategy", "rollingUpdate", "maxUnavailable") != "0")
            problems.Add("a rolling update may take a silo down before its replacement is an active member");

        // The pod's service account may read, watch and label pods in its namespace.
        var account = silo.PodTemplate.Text("spec", "serviceAccountName");
        if (silo.PodTemplate.Text("spec", "automountServiceAccountToken") == "false") problems.Add("silos do not mount their service account token");
        if (account is null || !kubernetes.OfKind("ServiceAccount").Any(a => a.Text("metadata", "name") == account))
            problems.Add($"service account '{account}' is not defined");
        var roles = kubernetes.OfKind("RoleBinding")
            .Where(b => b.Get("subjects").Items().Any(s => s.Text("kind") == "ServiceAccount" && s.Text("name") == account))
            .Where(b => b.Text("roleRef", "kind") == "Role")
            .Select(b => kubernetes.OfKind("Role").FirstOrDefault(r => r.Text("metadata", "name") == b.Text("roleRef", "name")))
            .OfType<YamlMappingNode>()
            .ToList();
        var verbs = roles.SelectMany(r => r.Get("rules").Items())
            .Where(rule => rule.Get("apiGroups").Items().Any(g => g.Text() == "") && rule.Get("resources").Items().Any(x => x.Text() == "pods"))
            .SelectMany(rule => rule.Get("verbs").Items().Select(v => v.Text()))
            .ToHashSet();
        foreach (var verb in new[] { "get", "list", "watch", "patch" })
            if (!verbs.Contains(verb)) problems.Add($"the silos' role does not allow '{verb}' on pods");

        // Voluntary disruptions take one silo at a time, and only silos.
        var budgets = kubernetes.OfKind("PodDisruptionBudget").Where(b => Selects(b.Path("spec", "selector", "matchLabels"), silo.Labels)).ToList();
        if (budgets.Count != 1) problems.Add($"{budgets.Count} PodDisruptionBudgets select the silos");
        AssertNone(problems);
    }

    [Fact]
    public void Kubernetes_gateway_service_and_migrate_job()
    {
        var kubernetes = Kubernetes();
        var problems = new List<string>();
        var gateway = kubernetes.Workloads.Single(w => w.Kind == "Deployment" && DeploySettings.Hub(w.Node)!.Role == HubRole.Gateway);
        var silo = kubernetes.Workloads.Single(w => w.Kind == "Deployment" && DeploySettings.Hub(w.Node)!.Role == HubRole.Silo);
        if (gateway.Object.Text("spec", "replicas") != "2") problems.Add("gateway replicas is not 2");
        if (gateway.Labels.Keys.Any(k => k.StartsWith("orleans/", StringComparison.Ordinal)))
            problems.Add("gateway pods carry orleans/* labels: Orleans' Kubernetes hosting would take them for silos without a silo");
        var ports = ContainerPorts(gateway);
        problems.AddRange(Probes(gateway, ports));

        var services = kubernetes.OfKind("Service").Where(s => Selects(s.Path("spec", "selector"), gateway.Labels)).ToList();
        if (services.Count != 1) problems.Add($"{services.Count} Services select the gateway pods");
        foreach (var service in services)
        {
            if (Selects(service.Path("spec", "selector"), silo.Labels)) problems.Add("the Service also selects silo pods");
            foreach (var port in service.Path("spec", "ports").Items())
                if (PortNumber(port.Text("targetPort"), ports) != HttpPort(gateway.Node))
                    problems.Add($"Service port {port.Text("port")} targets {port.Text("targetPort")}, not the gateway's HTTP port {HttpPort(gateway.Node)}");
        }

        var job = kubernetes.Workloads.Single(w => w.Kind == "Job");
        if (!job.Node.IsMigrate) problems.Add("the Job does not run `migrate`");
        if (job.PodTemplate.Text("spec", "restartPolicy") is not ("Never" or "OnFailure")) problems.Add("the Job's pods must not restart Always");

        foreach (var deployment in kubernetes.OfKind("Deployment"))
            if (!Selects(deployment.Path("spec", "selector", "matchLabels"), deployment.Path("spec", "template", "metadata", "labels").StringMap()))
                problems.Add($"Deployment {deployment.Text("metadata", "name")}'s selector does not match its pods");

        // Namespace-agnostic: applied with -n, or given one by a kustomization.
        foreach (var item in kubernetes.Objects)
            if (item.Text("metadata", "namespace") is { } ns) problems.Add($"{item.Text("kind")}/{item.Text("metadata", "name")} names namespace {ns}");
        foreach (var subject in kubernetes.OfKind("RoleBinding").SelectMany(b => b.Get("subjects").Items()))
            if (subject.Text("namespace") is { } ns) problems.Add($"RoleBinding subject names namespace {ns}");

        foreach (var secret in kubernetes.OfKind("Secret"))
            foreach (var (key, value) in secret.Get("stringData").StringMap())
                if (!value.Contains("REPLACE", StringComparison.Ordinal)) problems.Add($"Secret {secret.Text("metadata", "name")}/{key} does not look like a placeholder");
        AssertNone(problems);
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "Hub__StorageKind", "postgres", "Hub:StorageKind" },
        { "Hub__Storage", "mysql", "Hub:Storage" },
        { "Hub__Role", "2", "Hub:Role" },
        { "Hub__AdvertisedAddress", "silo9", "say it once" },
        { "Hub__SiloPort", "eleven", "Hub:SiloPort" },
        { "Hub__ApplySchema", "maybe", "Hub:ApplySchema" },
        { "Hub__ConnectionString", "", "refuse to start" },
        { "Hub__ConnectionString", "${DATABASE_URL}", "interpolated" },
        { "Rollup__FlushInterval", "fast", "Rollup:FlushInterval" },
        { "Alert__Interval", "00:00:30", "Alert:Interval" },
        { "Ledger__PageSize", "8192", "SQLite" },
        { "Telemetry__Console__Enabled", "true", "Telemetry:Console:Enabled" },
        { "Logging__LogLevel__Default", "Loud", "log level" },
        { "Logging__Console__FormatterName", "xml", "Logging:Console:FormatterName" },
        { "Logging__Colour", "none", "Logging:Colour" },
        { "ASPNETCORE_URLS", "localhost:8080", "urls" },
        { "POD_NAME", "silo-0", "POD_NAME" },
        { "--silo-prot", "11112", "silo-prot" },
        { "--Hub:Rol", "gateway", "Hub:Rol" },
        { "-r", "gateway", "-r" },
        { "stray", "", "'stray'" },
        { "--role", "", "--role" },
    };

    /// <summary>The check can fail: each mistake, made to a node that passes, is reported.</summary>
    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Checker_rejects_a_setting_the_server_would_not_understand(string name, string value, string reported)
    {
        var silo = Compose().Nodes.Single(n => n.Name == "silo1");
        AssertNone(DeploySettings.Check(silo));
        var wrong = name.StartsWith('-') || name == "stray"
            ? (value.Length > 0 ? silo.WithArguments(name, value) : silo.WithArguments(name))
            : silo.WithEnvironment(name, value);
        var problems = DeploySettings.Check(wrong);
        Assert.True(problems.Any(p => p.Contains(reported, StringComparison.Ordinal)),
            $"expected a problem naming '{reported}', got:\n{string.Join("\n", problems)}");
    }

    /// <summary>Hub:Auth holds the access settings: known ones pass the check, an unknown one is reported.</summary>
    [Fact]
    public void Checker_checks_the_Hub_Auth_section()
    {
        var silo = Compose().Nodes.Single(n => n.Name == "silo1");
        AssertNone(DeploySettings.Check(silo.WithEnvironment("Hub__Auth__AllowedHosts", "hub.example;localhost")));
        Assert.Contains(DeploySettings.Check(silo.WithEnvironment("Hub__Auth__Authority", "https://login.example")),
            p => p.Contains("Hub:Auth:Authority", StringComparison.Ordinal));
    }

    /// <summary>The cluster check can fail too: nodes that would not form one cluster are reported.</summary>
    [Theory]
    [InlineData("gateway names another cluster", "different clusters")]
    [InlineData("silo2 advertises silo1", "same address")]
    [InlineData("silo3 uses another database", "connection strings")]
    [InlineData("no gateway", "no gateway")]
    [InlineData("Kubernetes silo without ORLEANS_CLUSTER_ID", "different clusters")]
    public void Checker_rejects_nodes_that_would_not_form_one_cluster(string change, string reported)
    {
        var nodes = Compose().Nodes.ToList();
        AssertNone(DeploySettings.CheckCluster(nodes));
        int Index(string name) => nodes.FindIndex(n => n.Name == name);
        switch (change)
        {
            case "gateway names another cluster":
                nodes[Index("gateway")] = nodes[Index("gateway")].WithEnvironment("Hub__ClusterId", "other");
                break;
            case "silo2 advertises silo1":
                nodes[Index("silo2")] = nodes[Index("silo2")].WithArguments("--advertised-address", "silo1");
                break;
            case "silo3 uses another database":
                nodes[Index("silo3")] = nodes[Index("silo3")].WithEnvironment("Hub__ConnectionString", "Host=elsewhere;Username=hub;Database=hub");
                break;
            case "no gateway":
                nodes.RemoveAt(Index("gateway"));
                break;
            case "Kubernetes silo without ORLEANS_CLUSTER_ID":
                // Orleans' Kubernetes hosting ignores Hub:ClusterId: without the variable the silo joins "default".
                nodes[Index("silo1")] = nodes[Index("silo1")].WithEnvironment("Hub__Kubernetes", "true");
                break;
        }
        var problems = DeploySettings.CheckCluster(nodes);
        Assert.True(problems.Any(p => p.Contains(reported, StringComparison.Ordinal)),
            $"expected a problem naming '{reported}', got:\n{string.Join("\n", problems)}");
    }

    /// <summary>Every switch the server defines maps to a setting the check knows, so switches are checked as keys.</summary>
    [Fact]
    public void Checker_knows_every_switch_the_server_defines()
    {
        var problems = new List<string>();
        foreach (var (option, key) in HubOptions.CommandLine)
        {
            var property = typeof(HubOptions).GetProperty(key.Split(':')[1])!;
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var value = target.IsEnum ? Enum.GetNames(target)[^1] : target == typeof(int) ? "12345" : target == typeof(bool) ? "true" : "some-value";
            var configuration = DeploySettings.Configuration(new DeployedNode(option, new Dictionary<string, string>(), [option, value]));
            if (configuration[key] != value) problems.Add($"{option} {value} did not set {key}");
            problems.AddRange(HubConfiguration.Problems(configuration));
        }
        AssertNone(problems);
    }

    private static Dictionary<string, int> ContainerPorts(DeployKubernetes.Workload workload) => workload.Container.Get("ports").Items()
        .ToDictionary(p => p.Text("name") ?? p.Text("containerPort")!, p => int.Parse(p.Text("containerPort")!, CultureInfo.InvariantCulture));

    private static int? PortNumber(string? port, IReadOnlyDictionary<string, int> named) =>
        port is null ? null : int.TryParse(port, CultureInfo.InvariantCulture, out var number) ? number : named.TryGetValue(port, out var byName) ? byName : null;

    /// <summary>Liveness on /health/live, readiness on /health/ready, both on the container's HTTP port.</summary>
    private static IEnumerable<string> Probes(DeployKubernetes.Workload workload, IReadOnlyDictionary<string, int> ports)
    {
        foreach (var (probe, path) in new[] { ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready") })
        {
            var get = workload.Container.Path(probe, "httpGet");
            if (get.Text("path") != path) yield return $"{workload.Name}: {probe} does not GET {path}";
            if (PortNumber(get.Text("port"), ports) != HttpPort(workload.Node)) yield return $"{workload.Name}: {probe} is not on the HTTP port";
        }
    }

    private static bool Selects(YamlNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        var wanted = selector.StringMap();
        return wanted.Count > 0 && wanted.All(kv => labels.GetValueOrDefault(kv.Key) == kv.Value);
    }

    private static TimeSpan Duration(string? text)
    {
        if (string.IsNullOrEmpty(text)) return TimeSpan.Zero;
        var number = double.Parse(text.TrimEnd('s', 'm', 'h'), CultureInfo.InvariantCulture);
        return text[^1] switch { 'm' => TimeSpan.FromMinutes(number), 'h' => TimeSpan.FromHours(number), _ => TimeSpan.FromSeconds(number) };
    }
}
