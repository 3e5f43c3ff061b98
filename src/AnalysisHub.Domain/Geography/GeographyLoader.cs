using System.Globalization;
using System.Text.Json;
using Sylvan.Data.Csv;

namespace AnalysisHub.Domain.Geography;

/// <summary>
/// Reads and validates the geography files. Every problem is collected (not just the first) so an
/// operator fixing a file sees them all at once; any problem means no registry.
/// </summary>
public static class GeographyLoader
{
    private sealed record FootprintFile(List<FootprintEntry>? Footprints);

    private sealed record FootprintEntry(
        string? Id, string? Kind, string? Name, string? NameCy, string? Code, long? Population, List<string>? Members);

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public const string DefaultPopulationSource = "census2021";

    /// <summary>Loads the reference geography shipped with the hub.</summary>
    public static GeographyRegistry LoadReference(string populationSource = DefaultPopulationSource)
    {
        using var footprints = ReferenceData.Open("wales-footprints.json");
        using var lsoa = ReferenceData.Open("wales-lsoa11-to-la.csv");
        using var population = ReferenceData.Open("wales-la-population.csv");
        return Load(footprints, lsoa, population, populationSource);
    }

    /// <param name="footprintsJson">footprints file (<c>{"footprints": [...]}</c>).</param>
    /// <param name="lsoaLookupCsv">LSOA→authority lookup with columns LSOA11CD and LAD19CD, or null.</param>
    /// <param name="populationCsv">population table with a <c>code</c> column and one column per source, or null
    /// to use the populations in the footprints file.</param>
    /// <param name="populationSource">the population column to use when a table is given.</param>
    public static GeographyRegistry Load(Stream footprintsJson, Stream? lsoaLookupCsv, Stream? populationCsv,
        string populationSource = DefaultPopulationSource)
    {
        var problems = new List<string>();
        FootprintFile? file;
        try
        {
            file = JsonSerializer.Deserialize<FootprintFile>(footprintsJson, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new GeographyException([$"footprints file is not valid JSON: {e.Message}"]);
        }
        var entries = file?.Footprints ?? [];
        if (entries.Count == 0) throw new GeographyException(["footprints file has no footprints"]);

        var populations = populationCsv is null ? null : ReadPopulations(populationCsv, populationSource, problems);
        var authorities = ReadAuthorities(entries, populations, problems);
        var authorityById = new Dictionary<string, Authority>();
        foreach (var a in authorities) authorityById.TryAdd(a.Id, a);
        var footprints = authorities.Select(a => a.Footprint).ToList();
        footprints.AddRange(ReadPartnerships(entries, authorityById, problems));
        CheckUnique(footprints, problems);
        var lsoa = lsoaLookupCsv is null ? new Dictionary<string, Authority>() : ReadLsoaLookup(lsoaLookupCsv, authorities, problems);
        if (populations is not null)
            foreach (var code in populations.Keys.Where(c => authorities.All(a => a.Code != c)))
                problems.Add($"population table names unknown authority code '{code}'");

        if (problems.Count > 0) throw new GeographyException(problems);
        FootprintHierarchy.Derive(footprints);
        return new GeographyRegistry(footprints, authorities, lsoa,
            populations is null ? "footprints file" : populationSource);
    }

    private static List<Authority> ReadAuthorities(
        List<FootprintEntry> entries, Dictionary<string, long>? populations, List<string> problems)
    {
        var authorities = new List<Authority>();
        foreach (var (e, position) in entries.Select((e, i) => (e, i + 1)))
        {
            if (e.Kind != FootprintKind.LocalAuthority) continue;
            if (!CheckCommon(e, position, problems)) continue;
            if (e.Members is { Count: > 0 } && !(e.Members.Count == 1 && e.Members[0] == e.Id))
                problems.Add($"authority '{e.Id}' must not list members other than itself");
            if (string.IsNullOrWhiteSpace(e.Code))
                problems.Add($"authority '{e.Id}' has no code (a W06… code is needed to resolve record areas)");
            long population = e.Population ?? 0;
            if (populations is not null && e.Code is not null)
            {
                if (populations.TryGetValue(e.Code, out var p)) population = p;
                else problems.Add($"population table has no row for authority '{e.Id}' ({e.Code})");
            }
            if (population <= 0) problems.Add($"authority '{e.Id}' has no positive population");
            var authority = new Authority(checked((short)authorities.Count), e.Id!, e.Code ?? "");
            authority.Footprint = new Footprint
            {
                Id = e.Id!, Kind = e.Kind!, Name = e.Name!, NameCy = e.NameCy, Code = e.Code,
                Members = [authority], Population = population,
            };
            authorities.Add(authority);
        }
        if (authorities.Count == 0) problems.Add("footprints file has no local authorities (kind 'la')");
        return authorities;
    }

    private static IEnumerable<Footprint> ReadPartnerships(List<FootprintEntry> entries,
        Dictionary<string, Authority> authorityById, List<string> problems)
    {
        foreach (var (e, position) in entries.Select((e, i) => (e, i + 1)))
        {
            if (e.Kind == FootprintKind.LocalAuthority) continue;
            if (!CheckCommon(e, position, problems)) continue;
            var members = e.Members ?? [];
            if (members.Count == 0)
            {
                problems.Add($"footprint '{e.Id}' is empty: it lists no member authorities");
                continue;
            }
            var found = new List<Authority>();
            foreach (var m in members)
            {
                if (!authorityById.TryGetValue(m, out var authority))
                    problems.Add($"footprint '{e.Id}' names unknown member '{m}' (members must be authority ids)");
                else if (found.Contains(authority))
                    problems.Add($"footprint '{e.Id}' lists member '{m}' twice");
                else found.Add(authority);
            }
            if (found.Count != members.Count) continue;
            found.Sort((a, b) => a.Index.CompareTo(b.Index));
            yield return new Footprint
            {
                Id = e.Id!, Kind = e.Kind!, Name = e.Name!, NameCy = e.NameCy, Code = e.Code,
                Members = found, Population = found.Sum(a => a.Footprint.Population),
            };
        }
    }

    private static bool CheckCommon(FootprintEntry e, int position, List<string> problems)
    {
        var ok = true;
        if (string.IsNullOrWhiteSpace(e.Id)) { problems.Add($"footprint #{position} has no id"); return false; }
        if (string.IsNullOrWhiteSpace(e.Kind)) { problems.Add($"footprint '{e.Id}' has no kind"); ok = false; }
        else if (!e.Id.StartsWith(e.Kind + ":", StringComparison.Ordinal))
        {
            problems.Add($"footprint id '{e.Id}' must start with its kind ('{e.Kind}:')");
            ok = false;
        }
        if (string.IsNullOrWhiteSpace(e.Name)) { problems.Add($"footprint '{e.Id}' has no name"); ok = false; }
        return ok;
    }

    private static void CheckUnique(List<Footprint> footprints, List<string> problems)
    {
        foreach (var dup in footprints.GroupBy(f => f.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"duplicate footprint id '{dup.Key}'");
        foreach (var dup in footprints.Where(f => f.Code is not null)
                     .GroupBy(f => f.Code!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"duplicate code '{dup.Key}' ({string.Join(", ", dup.Select(f => f.Id))})");
    }

    private static Dictionary<string, Authority> ReadLsoaLookup(Stream csv, List<Authority> authorities, List<string> problems)
    {
        var byCode = new Dictionary<string, Authority>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in authorities) byCode.TryAdd(a.Code, a);
        var lookup = new Dictionary<string, Authority>(StringComparer.OrdinalIgnoreCase);
        using var reader = CsvDataReader.Create(new StreamReader(csv));
        int lsoaColumn = TryOrdinal(reader, "LSOA11CD"), laColumn = TryOrdinal(reader, "LAD19CD");
        if (lsoaColumn < 0 || laColumn < 0)
        {
            problems.Add("LSOA lookup needs columns LSOA11CD and LAD19CD");
            return lookup;
        }
        var unknown = new SortedSet<string>();
        while (reader.Read())
        {
            var lsoa = reader.GetString(lsoaColumn);
            var la = reader.GetString(laColumn);
            if (!byCode.TryGetValue(la, out var authority)) unknown.Add(la);
            else if (!lookup.TryAdd(lsoa, authority) && lookup[lsoa] != authority)
                problems.Add($"LSOA '{lsoa}' is mapped to two authorities");
        }
        foreach (var code in unknown) problems.Add($"LSOA lookup names unknown authority code '{code}'");
        return lookup;
    }

    private static Dictionary<string, long>? ReadPopulations(Stream csv, string source, List<string> problems)
    {
        using var reader = CsvDataReader.Create(new StreamReader(csv));
        int codeColumn = TryOrdinal(reader, "code"), valueColumn = TryOrdinal(reader, source);
        if (codeColumn < 0 || valueColumn < 0)
        {
            problems.Add($"population table needs columns 'code' and '{source}'");
            return null;
        }
        var result = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            var code = reader.GetString(codeColumn);
            if (!long.TryParse(reader.GetString(valueColumn), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                problems.Add($"population table: '{source}' for '{code}' is not a whole number");
            else result[code] = value;
        }
        return result;
    }

    private static int TryOrdinal(CsvDataReader reader, string name)
    {
        for (var i = 0; i < reader.FieldCount; i++)
            if (string.Equals(reader.GetName(i), name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
