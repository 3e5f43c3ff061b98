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
    private sealed record FootprintFile(string? Description, List<FootprintEntry>? Footprints);

    private sealed record FootprintEntry(
        string? Id, string? Kind, string? Name, string? NameCy, string? Code, long? Population, List<string>? Members,
        DateOnly? ValidFrom = null, DateOnly? ValidTo = null, List<string>? ReplacedBy = null, List<string>? Replaces = null,
        List<MembershipEntry>? Membership = null, bool DatesAssumed = false);

    private sealed record MembershipEntry(DateOnly? From, DateOnly? To, List<string>? Members);

    // An unknown property is refused, not ignored: a misspelt "validTo" would otherwise leave a footprint open for ever.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

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
    /// <param name="today">the day whose arrangement a footprint's <see cref="Footprint.Parents"/> describe (default: today, UTC).</param>
    public static GeographyRegistry Load(Stream footprintsJson, Stream? lsoaLookupCsv, Stream? populationCsv,
        string populationSource = DefaultPopulationSource, DateOnly? today = null)
    {
        var problems = new List<string>();
        FootprintFile? file;
        try
        {
            file = JsonSerializer.Deserialize<FootprintFile>(footprintsJson, JsonOptions);
        }
        catch (JsonException e) when (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            throw new GeographyException([$"footprints file has an unknown property at {e.Path}"]);
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
        CheckSuccessions(footprints, problems);
        var lsoa = lsoaLookupCsv is null ? new Dictionary<string, Authority>() : ReadLsoaLookup(lsoaLookupCsv, authorities, problems);
        if (populations is not null)
            foreach (var code in populations.Keys.Where(c => authorities.All(a => a.Code != c)))
                problems.Add($"population table names unknown authority code '{code}'");

        if (problems.Count > 0) throw new GeographyException(problems);
        FootprintHierarchy.Derive(footprints, today ?? DateOnly.FromDateTime(DateTime.UtcNow));
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
            // Authorities are the building blocks every history is told in: they do not come and go themselves.
            if (e.Membership is not null || e.ValidFrom is not null || e.ValidTo is not null)
                problems.Add($"authority '{e.Id}' must not carry validFrom, validTo or membership");
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
                Membership = [new MembershipPeriod(null, null, [authority])], Population = population,
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
            if (e.ValidFrom is { } from && e.ValidTo is { } to && to < from)
                problems.Add($"footprint '{e.Id}' ends ({to:yyyy-MM-dd}) before it begins ({from:yyyy-MM-dd})");
            if (e.Members is not null && e.Membership is not null)
            {
                problems.Add($"footprint '{e.Id}' gives both members and membership: give one");
                continue;
            }
            var periods = e.Membership is null
                ? [new MembershipEntry(null, null, e.Members)]
                : e.Membership;
            if (periods.Count == 0)
            {
                problems.Add($"footprint '{e.Id}' has an empty membership list");
                continue;
            }
            var membership = new List<MembershipPeriod>();
            foreach (var period in periods)
                if (ReadMembers(e.Id!, period.Members, authorityById, problems) is { } members)
                    membership.Add(new MembershipPeriod(period.From, period.To, members));
            if (membership.Count != periods.Count || !CheckPeriods(e, membership, problems)) continue;
            yield return new Footprint
            {
                Id = e.Id!, Kind = e.Kind!, Name = e.Name!, NameCy = e.NameCy, Code = e.Code,
                Membership = membership, Population = membership[^1].Members.Sum(a => a.Footprint.Population),
                ValidFrom = e.ValidFrom, ValidTo = e.ValidTo, ReplacedBy = e.ReplacedBy ?? [], Replaces = e.Replaces ?? [],
                DatesAssumed = e.DatesAssumed,
            };
        }
    }

    /// <summary>One period's members, in registry order; null (with the problems said) when any is unknown or repeated.</summary>
    private static List<Authority>? ReadMembers(string footprint, List<string>? members,
        Dictionary<string, Authority> authorityById, List<string> problems)
    {
        if (members is not { Count: > 0 })
        {
            problems.Add($"footprint '{footprint}' is empty: it lists no member authorities");
            return null;
        }
        var found = new List<Authority>();
        foreach (var m in members)
        {
            if (!authorityById.TryGetValue(m, out var authority))
                problems.Add($"footprint '{footprint}' names unknown member '{m}' (members must be authority ids)");
            else if (found.Contains(authority))
                problems.Add($"footprint '{footprint}' lists member '{m}' twice");
            else found.Add(authority);
        }
        if (found.Count != members.Count) return null;
        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        return found;
    }

    /// <summary>
    /// Membership periods follow each other day after day (no gap, no overlap), only the first may be open at its
    /// start and only the last at its end, and together they cover every day the footprint existed.
    /// </summary>
    private static bool CheckPeriods(FootprintEntry e, List<MembershipPeriod> periods, List<string> problems)
    {
        var before = problems.Count;
        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            if (p.From is { } from && p.To is { } to && to < from)
                problems.Add($"footprint '{e.Id}' membership period {i + 1} ends before it begins");
            if (i > 0 && p.From is null)
                problems.Add($"footprint '{e.Id}' membership period {i + 1} needs a 'from' (only the first may be open)");
            if (i < periods.Count - 1 && p.To is null)
                problems.Add($"footprint '{e.Id}' membership period {i + 1} needs a 'to' (only the last may be open)");
            if (i > 0 && periods[i - 1].To is { } end && p.From is { } start && start != end.AddDays(1))
                problems.Add(start <= end
                    ? $"footprint '{e.Id}' membership periods {i} and {i + 1} overlap"
                    : $"footprint '{e.Id}' membership has a gap between periods {i} and {i + 1}");
        }
        if (periods[0].From is { } first && (e.ValidFrom is not { } validFrom || first > validFrom))
            problems.Add($"footprint '{e.Id}' has no members from {(e.ValidFrom is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "its start")} to {first.AddDays(-1):yyyy-MM-dd}");
        if (periods[^1].To is { } last && (e.ValidTo is not { } validTo || last < validTo))
            problems.Add($"footprint '{e.Id}' has no members after {last:yyyy-MM-dd}");
        return problems.Count == before;
    }

    private static void CheckSuccessions(List<Footprint> footprints, List<string> problems)
    {
        var ids = footprints.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var f in footprints)
            foreach (var (property, id) in f.ReplacedBy.Select(id => ("replacedBy", id)).Concat(f.Replaces.Select(id => ("replaces", id))))
                if (!ids.Contains(id)) problems.Add($"footprint '{f.Id}' {property} unknown footprint '{id}'");
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
        if (e.Kind == FootprintKind.Custom)
        {
            problems.Add($"footprint '{e.Id}': kind '{FootprintKind.Custom}' is for footprints defined at run time (POST /api/v1/footprints)");
            ok = false;
        }
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
