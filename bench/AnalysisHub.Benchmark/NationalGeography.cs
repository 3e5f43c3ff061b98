using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnalysisHub.Benchmark;

/// <summary>
/// A synthetic England-and-Wales geography for <c>--geography national</c>: the shipped Welsh footprints as they
/// are, and beside them 309 English authorities (synthetic codes E06…–E09…, names and populations), 39 English
/// police forces, one community safety partnership per English authority (every tenth merged with the next, as
/// some are), nine English regions plus Wales as a region, England and Wales as nations, and
/// <c>country:england-and-wales</c> over all 331 authorities. Written as the three files the hub's
/// <c>--geography</c>, <c>Hub:PopulationFile</c> and <c>Hub:LsoaLookupFile</c> read, the Welsh rows copied from the
/// shipped ones; ten synthetic LSOAs per English authority.
/// </summary>
public static class NationalGeography
{
    public const string TopId = "country:england-and-wales";
    private const int EnglishAuthorities = 309, EnglishForces = 39, Regions = 9, LsoasPerAuthority = 10;

    /// <summary>The three files, written into <paramref name="folder"/>: (geography, population, LSOA lookup).</summary>
    public static (string Geography, string Population, string Lsoa) Write(string repositoryRoot, string folder)
    {
        var shipped = Path.Combine(repositoryRoot, "src", "AnalysisHub.Domain", "ReferenceData");
        var wales = JsonNode.Parse(File.ReadAllText(Path.Combine(shipped, "wales-footprints.json")))!;
        var footprints = wales["footprints"]!.AsArray();
        var welsh = footprints.Where(f => (string?)f!["kind"] == "la").Select(f => (string)f!["id"]!).ToList();
        var random = new Random(2026);

        // Codes by type, in the proportions England has: unitary (E06), district (E07), metropolitan (E08), London (E09).
        var english = Enumerable.Range(0, EnglishAuthorities).Select(i =>
        {
            var (prefix, n) = i switch { < 63 => ("E06", i), < 227 => ("E07", i - 63), < 276 => ("E08", i - 227), _ => ("E09", i - 276) };
            return (Id: $"la:england-{i + 1:000}", Code: $"{prefix}{n + 1:000000}", Name: $"English authority {i + 1:000}",
                Population: 25_000 + random.Next(0, 500_000));
        }).ToList();

        foreach (var a in english)
            footprints.Add(Node(a.Id, "la", a.Name, a.Code, population: a.Population));
        // Forces, then regions: contiguous runs of authorities, so each region is whole forces.
        var forces = Split(english.Select(a => a.Id).ToList(), EnglishForces);
        for (var f = 0; f < forces.Count; f++)
            footprints.Add(Node($"force:england-{f + 1:00}", "force", $"English police force {f + 1:00}", $"E23{f + 1:000000}", forces[f]));
        var regions = Split(forces, Regions);
        for (var r = 0; r < regions.Count; r++)
            footprints.Add(Node($"region:england-{r + 1}", "region", $"English region {r + 1}", $"E12{r + 1:000000}", regions[r].SelectMany(f => f).ToList()));
        footprints.Add(Node("region:wales", "region", "Wales (as a region)", null, welsh));
        var csp = 0;
        for (var i = 0; i < english.Count; i++, csp++)
        {
            var members = i % 10 == 9 && i + 1 < english.Count ? new List<string> { english[i].Id, english[++i].Id } : [english[i].Id];
            footprints.Add(Node($"csp:england-{csp + 1:000}", "csp", $"English community safety partnership {csp + 1:000}", $"E22{csp + 1:000000}", members));
        }
        footprints.Add(Node("nation:england", "nation", "England", "E92000001", english.Select(a => a.Id).ToList()));
        footprints.Add(Node(TopId, "country", "England and Wales", "K04000001", english.Select(a => a.Id).Concat(welsh).ToList()));
        wales["description"] = "Synthetic England and Wales for the benchmark's national mode: the shipped Welsh geography, and generated English " +
                               "authorities, forces, community safety partnerships, regions and nations.";

        Directory.CreateDirectory(folder);
        var geography = Path.Combine(folder, "national-footprints.json");
        File.WriteAllText(geography, wales.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));

        var population = new StringBuilder(File.ReadAllText(Path.Combine(shipped, "wales-la-population.csv")).TrimEnd('\n', '\r')).Append('\n');
        foreach (var a in english)
            population.Append(CultureInfo.InvariantCulture, $"{a.Code},{a.Name},{a.Population},{a.Population},{a.Population}\n");
        var populationPath = Path.Combine(folder, "national-population.csv");
        File.WriteAllText(populationPath, population.ToString());

        var lsoa = new StringBuilder(File.ReadAllText(Path.Combine(shipped, "wales-lsoa11-to-la.csv")).TrimEnd('\n', '\r')).Append('\n');
        var next = 0;
        foreach (var a in english)
            for (var k = 0; k < LsoasPerAuthority; k++, next++)
                lsoa.Append(CultureInfo.InvariantCulture, $"{900_000 + next},E01{next + 1:000000},{a.Name} {k:000},,,{a.Code},{a.Name}\n");
        var lsoaPath = Path.Combine(folder, "national-lsoa11-to-la.csv");
        File.WriteAllText(lsoaPath, lsoa.ToString());
        return (geography, populationPath, lsoaPath);
    }

    private static JsonObject Node(string id, string kind, string name, string? code, IReadOnlyList<string>? members = null, long? population = null)
    {
        var node = new JsonObject { ["id"] = id, ["kind"] = kind, ["name"] = name };
        if (code is not null) node["code"] = code;
        if (population is { } p) node["population"] = p;
        if (members is not null) node["members"] = new JsonArray(members.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray());
        return node;
    }

    /// <summary><paramref name="items"/> cut into <paramref name="parts"/> contiguous runs as even as can be.</summary>
    private static List<List<T>> Split<T>(IReadOnlyList<T> items, int parts) =>
        Enumerable.Range(0, parts).Select(p => items.Skip(p * items.Count / parts).Take((p + 1) * items.Count / parts - p * items.Count / parts).ToList()).ToList();
}
