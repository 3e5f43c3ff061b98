using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AnalysisHub.Cluster.Tests;

/// <summary>deploy/Dockerfile as far as the checks need it: its stages, runtime ENV, ports, user, entrypoint, COPYs.</summary>
public sealed class DeployDockerfile
{
    public required IReadOnlyList<(string Instruction, string Arguments, int Stage)> Instructions { get; init; }

    public int LastStage => Instructions.Max(i => i.Stage);

    /// <summary>The runtime image's environment: what every container of it starts with.</summary>
    public IReadOnlyDictionary<string, string> Environment => Instructions
        .Where(i => i.Stage == LastStage && i.Instruction == "ENV")
        .SelectMany(i => ParseEnv(i.Arguments))
        .GroupBy(kv => kv.Key)
        .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    public static DeployDockerfile Load(string path)
    {
        var instructions = new List<(string, string, int)>();
        var stage = -1;
        var logical = new StringBuilder();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0 && logical.Length == 0) continue;
            var continued = line.EndsWith('\\');
            logical.Append(continued ? line[..^1] : line).Append(' ');
            if (continued) continue;
            var text = logical.ToString().Trim();
            logical.Clear();
            if (text.Length == 0) continue;
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var instruction = (space < 0 ? text : text[..space]).ToUpperInvariant();
            if (instruction == "FROM") stage++;
            instructions.Add((instruction, space < 0 ? "" : text[(space + 1)..].Trim(), stage));
        }
        return new DeployDockerfile { Instructions = instructions };
    }

    /// <summary>ENV in its key=value form (several per instruction; values optionally quoted; empty allowed).</summary>
    private static IEnumerable<KeyValuePair<string, string>> ParseEnv(string arguments)
    {
        foreach (var token in Tokens(arguments))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new FormatException($"ENV '{arguments}': use the key=value form");
            yield return new(token[..equals], token[(equals + 1)..].Trim('"'));
        }
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            if (c == ' ' && !quoted)
            {
                if (current.Length > 0) yield return current.ToString();
                current.Clear();
            }
            else current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    /// <summary>The JSON (exec) form of ENTRYPOINT or CMD of the runtime stage.</summary>
    public IReadOnlyList<string>? ExecForm(string instruction)
    {
        var found = Instructions.LastOrDefault(i => i.Stage == LastStage && i.Instruction == instruction);
        return found.Instruction is null ? null : JsonSerializer.Deserialize<string[]>(found.Arguments);
    }

    /// <summary>The source paths of every COPY from the build context (not --from another stage), in order.</summary>
    public IReadOnlyList<(int Index, string Source)> ContextCopies() => Instructions
        .Select((instruction, index) => (instruction, index))
        .Where(x => x.instruction.Instruction == "COPY" && !x.instruction.Arguments.StartsWith("--from", StringComparison.Ordinal))
        .SelectMany(x =>
        {
            var parts = x.instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
            return parts[..^1].Select(source => (x.index, source));
        })
        .ToList();
}

/// <summary>A YAML document's nodes, read loosely (a missing key is null).</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlNode? Path(this YamlNode? node, params string[] keys) => keys.Aggregate(node, (current, key) => current.Get(key));

    public static string? Text(this YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value : null;

    public static string? Text(this YamlNode? node, params string[] keys) => node.Path(keys).Text();

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) => node is YamlMappingNode map
        ? map.Children.Select(kv => new KeyValuePair<string, YamlNode>(kv.Key.Text() ?? "", kv.Value))
        : [];

    public static IReadOnlyDictionary<string, string> StringMap(this YamlNode? node) =>
        node.Entries().ToDictionary(kv => kv.Key, kv => kv.Value.Text() ?? "", StringComparer.Ordinal);

    /// <summary>A plain (unquoted) scalar that YAML reads as a boolean, number or null rather than a string.</summary>
    public static bool IsNonString(this YamlNode node) => node is YamlScalarNode { Style: ScalarStyle.Plain } scalar &&
        (scalar.Value is null or "" or "~" or "null" or "true" or "false" or "True" or "False" or "yes" or "no" or "on" or "off" ||
         double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
}

/// <summary>deploy/docker-compose.yml: its services, and the AnalysisHub nodes among them as the server sees them.</summary>
public sealed class DeployCompose
{
    public required YamlMappingNode Root { get; init; }
    public required IReadOnlyList<DeployedNode> Nodes { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }

    public YamlNode? Service(string name) => Root.Path("services", name);

    public static DeployCompose Load(string path, string repositoryRoot, DeployDockerfile image)
    {
        var root = Yaml.LoadDocuments(path).Single();
        var problems = new List<string>();
        var nodes = new List<DeployedNode>();
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;

        // The image built from deploy/Dockerfile, with the repository root as context.
        string? hubImage = null;
        foreach (var (name, service) in root.Get("services").Entries())
        {
            if (service.Get("build") is not { } build) continue;
            var context = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, build.Text("context") ?? build.Text() ?? "."));
            var dockerfile = build.Text("dockerfile") ?? "Dockerfile";
            if (!SamePath(context, repositoryRoot)) problems.Add($"{name}: build context {context} is not the repository root");
            if (!SamePath(System.IO.Path.Combine(context, dockerfile), System.IO.Path.Combine(repositoryRoot, "deploy", "Dockerfile")))
                problems.Add($"{name}: builds {dockerfile}, not deploy/Dockerfile");
            hubImage = service.Text("image") ?? hubImage;
        }
        if (hubImage is null) problems.Add("no service builds deploy/Dockerfile (with an image name the others can run)");

        foreach (var (name, service) in root.Get("services").Entries())
        {
            if (hubImage is null || service.Text("image") != hubImage) continue;
            if (service.Get("entrypoint") is not null) problems.Add($"{name}: overrides the image's entrypoint");
            if (service.Get("env_file") is not null) problems.Add($"{name}: env_file settings cannot be checked; put them in environment");
            var environment = new Dictionary<string, string>(image.Environment, StringComparer.Ordinal);
            foreach (var (key, value) in Environment(service.Get("environment"), name, problems)) environment[key] = value;
            var command = service.Get("command") switch
            {
                YamlSequenceNode sequence => sequence.Children.Select(c => c.Text() ?? "").ToList(),
                YamlScalarNode scalar => (scalar.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
                _ => [],
            };
            nodes.Add(new DeployedNode(name, environment, command));
        }
        return new DeployCompose { Root = root, Nodes = nodes, Problems = problems };
    }

    private static IEnumerable<KeyValuePair<string, string>> Environment(YamlNode? node, string service, List<string> problems)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Entries())
                {
                    // Compose refuses booleans here; a number would pass, but say what is meant.
                    if (value.IsNonString() && value.Text() is "true" or "false" or "yes" or "no" or "on" or "off" or "True" or "False" or null or "" or "~" or "null")
                        problems.Add($"{service}: environment {key} is not a string (quote it)");
                    yield return new(key, value.Text() ?? "");
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children.Select(c => c.Text() ?? ""))
                {
                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0) problems.Add($"{service}: environment entry '{item}' has no value");
                    else yield return new(item[..equals], item[(equals + 1)..]);
                }
                break;
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(System.IO.Path.GetFullPath(a).TrimEnd('/'), System.IO.Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);
}

/// <summary>deploy/kubernetes: every object of the kustomization, and the AnalysisHub containers as the server sees them.</summary>
public sealed class DeployKubernetes
{
    /// <summary>An AnalysisHub container of a workload, with its env resolved (Secrets, downward API) and its raw env.</summary>
    public sealed record Workload(string Kind, string Name, YamlMappingNode Object, YamlNode PodTemplate, YamlNode Container, DeployedNode Node)
    {
        public IReadOnlyDictionary<string, string> Labels => PodTemplate.Path("metadata", "labels").StringMap();

        public YamlNode? Env(string name) => Container.Get("env").Items().FirstOrDefault(e => e.Text("name") == name);
    }

    /// <summary>Placeholders for what the downward API gives a pod at run time.</summary>
    public const string PodName = "analysishub-silo-7d9f8-x2k4q";
    public const string PodNamespace = "analysishub";
    public const string PodIp = "10.244.1.17";

    public required IReadOnlyList<YamlMappingNode> Objects { get; init; }
    public required IReadOnlyList<Workload> Workloads { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind);

    public static DeployKubernetes Load(string directory, DeployDockerfile image, string imageName)
    {
        var problems = new List<string>();
        var kustomization = Yaml.LoadDocuments(System.IO.Path.Combine(directory, "kustomization.yaml")).Single();
        var resources = kustomization.Get("resources").Items().Select(r => r.Text() ?? "").ToList();
        var files = Directory.GetFiles(directory, "*.yaml").Select(System.IO.Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal).ToList();
        if (!resources.Order(StringComparer.Ordinal).SequenceEqual(files!))
            problems.Add($"kustomization.yaml lists [{string.Join(", ", resources)}] but the folder holds [{string.Join(", ", files)}]");
        var objects = resources.Where(r => File.Exists(System.IO.Path.Combine(directory, r)))
            .SelectMany(r => Yaml.LoadDocuments(System.IO.Path.Combine(directory, r))).ToList();

        var secrets = objects.Where(o => o.Text("kind") == "Secret").ToDictionary(
            o => o.Text("metadata", "name") ?? "",
            o => o.Get("stringData").StringMap().Concat(o.Get("data").StringMap()
                    .Select(kv => new KeyValuePair<string, string>(kv.Key, Encoding.UTF8.GetString(Convert.FromBase64String(kv.Value)))))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));

        var workloads = new List<Workload>();
        foreach (var workload in objects.Where(o => o.Text("kind") is "Deployment" or "StatefulSet" or "Job" or "DaemonSet"))
        {
            var kind = workload.Text("kind")!;
            var name = workload.Text("metadata", "name") ?? "";
            var template = workload.Path("spec", "template");
            var labels = template.Path("metadata", "labels").StringMap();
            foreach (var container in template.Path("spec", "containers").Items())
            {
                var containerImage = container.Text("image") ?? "";
                if (containerImage.Split(':')[0] != imageName) continue;
                var where = $"{kind}/{name}/{container.Text("name")}";
                if (container.Get("command") is not null) problems.Add($"{where}: overrides the image's entrypoint (use args)");
                if (container.Get("envFrom") is not null) problems.Add($"{where}: envFrom settings cannot be checked; list each variable");
                var environment = new Dictionary<string, string>(image.Environment, StringComparer.Ordinal);
                foreach (var variable in container.Get("env").Items())
                {
                    var variableName = variable.Text("name") ?? "";
                    if (variable.Get("value") is { } value)
                    {
                        if (value.IsNonString()) problems.Add($"{where}: env {variableName} is not a string (quote it)");
                        environment[variableName] = value.Text() ?? "";
                    }
                    else if (variable.Path("valueFrom", "secretKeyRef") is { } secretRef)
                    {
                        if (secrets.TryGetValue(secretRef.Text("name") ?? "", out var secret) && secret.TryGetValue(secretRef.Text("key") ?? "", out var secretValue))
                            environment[variableName] = secretValue;
                        else problems.Add($"{where}: env {variableName} refers to secret {secretRef.Text("name")}/{secretRef.Text("key")}, which these manifests do not define");
                    }
                    else if (variable.Path("valueFrom", "fieldRef", "fieldPath").Text() is { } fieldPath)
                    {
                        var resolved = FieldValue(fieldPath, labels);
                        if (resolved is null) problems.Add($"{where}: env {variableName} reads {fieldPath}, which this check cannot resolve");
                        else environment[variableName] = resolved;
                    }
                    else problems.Add($"{where}: env {variableName} has neither value, secretKeyRef nor fieldRef");
                }
                var arguments = container.Get("args").Items().Select(a => a.Text() ?? "").ToList();
                workloads.Add(new Workload(kind, name, workload, template!, container, new DeployedNode(where, environment, arguments)));
            }
        }
        return new DeployKubernetes { Objects = objects, Workloads = workloads, Problems = problems };
    }

    private static string? FieldValue(string fieldPath, IReadOnlyDictionary<string, string> labels)
    {
        const string labelPrefix = "metadata.labels['";
        if (fieldPath.StartsWith(labelPrefix, StringComparison.Ordinal) && fieldPath.EndsWith("']", StringComparison.Ordinal))
            return labels.GetValueOrDefault(fieldPath[labelPrefix.Length..^2]);
        return fieldPath switch
        {
            "metadata.name" => PodName,
            "metadata.namespace" => PodNamespace,
            "status.podIP" => PodIp,
            _ => null,
        };
    }
}

/// <summary>The server project and the projects it references, with the files outside them that they embed.</summary>
public static class DeployProjects
{
    /// <summary>Every project file the server builds from, relative to the repository root ('/'-separated).</summary>
    public static IReadOnlyList<string> ServerClosure(string repositoryRoot)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([System.IO.Path.Combine(repositoryRoot, "src", "AnalysisHub.Server", "AnalysisHub.Server.csproj")]);
        while (pending.TryPop(out var project))
        {
            var full = System.IO.Path.GetFullPath(project);
            var relative = System.IO.Path.GetRelativePath(repositoryRoot, full).Replace('\\', '/');
            if (seen.Contains(relative)) continue;
            seen.Add(relative);
            foreach (var reference in XDocument.Load(full).Descendants("ProjectReference"))
                pending.Push(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
        }
        return seen;
    }

    /// <summary>Folders outside a project that its items include (EmbeddedResource, Content…), relative to the root.</summary>
    public static IEnumerable<string> OutsideFolders(string repositoryRoot, string project)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.Combine(repositoryRoot, project))!;
        foreach (var item in XDocument.Load(System.IO.Path.Combine(repositoryRoot, project)).Descendants().Where(e => e.Attribute("Include") is not null && e.Name.LocalName != "ProjectReference" && e.Name.LocalName != "PackageReference"))
        {
            var include = item.Attribute("Include")!.Value.Replace('\\', '/');
            if (!include.StartsWith("..", StringComparison.Ordinal)) continue;
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, include)))!;
            yield return System.IO.Path.GetRelativePath(repositoryRoot, folder).Replace('\\', '/');
        }
    }
}
