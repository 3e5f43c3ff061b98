using System.Text;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Tests.Support;

namespace AnalysisHub.Domain.Tests.Geography;

public class GeographyLoaderTests
{
    private static readonly GeographyRegistry Registry = Reference.Geography;
    private static readonly DateOnly Today = Reference.Today;

    [Fact]
    public void Reference_geography_has_the_22_welsh_authorities()
    {
        Assert.Equal(22, Registry.Authorities.Count);
        Assert.All(Registry.Authorities, a =>
        {
            Assert.Equal(FootprintKind.LocalAuthority, a.Footprint.Kind);
            Assert.True(a.Footprint.IsAuthority);
            Assert.StartsWith("la:", a.Id);
            Assert.Equal(a.Id, a.Footprint.Id);
            Assert.Matches("^W06[0-9]{6}$", a.Code);
            Assert.Equal(a.Code, a.Footprint.Code);
            Assert.Equal([a], a.Footprint.Members);
            Assert.Same(a, a.Footprint.Authority);
        });
        Assert.Equal(22, Registry.OfKind("la", Today).Count());
        Assert.Equal(Registry.Authorities.Select(a => a.Footprint), Registry.Footprints.Take(22));
        for (var i = 0; i < Registry.Authorities.Count; i++) Assert.Equal(i, Registry.Authorities[i].Index);
    }

    [Theory]
    [InlineData("la", 22)]
    [InlineData("csp", 21)]
    [InlineData("psb", 13)]
    [InlineData("rpb", 7)]
    [InlineData("apb", 7)]
    [InlineData("force", 4)]
    [InlineData("nation", 1)]
    public void Reference_geography_has_every_kind_of_footprint(string kind, int count)
    {
        Assert.Equal(count, Registry.OfKind(kind, Today).Count());
    }

    [Theory]
    [InlineData("la:cardiff", "la:cardiff")]
    [InlineData("W06000015", "la:cardiff")]
    [InlineData("W14000023", "csp:cwm-taf")]
    [InlineData("csp:cwm-taf", "csp:cwm-taf")]
    [InlineData("W15000003", "force:south-wales")]
    [InlineData("W11000029", "rpb:cardiff-and-vale")]
    [InlineData("W92000004", "nation:wales")]
    [InlineData("psb:gwent", "psb:gwent")]
    public void Any_footprint_id_or_ons_code_resolves_to_the_canonical_footprint(string idOrCode, string id)
    {
        Assert.Equal(id, Registry.Find(idOrCode)?.Id);
    }

    [Fact]
    public void Cardiff_by_id_and_by_code_is_the_same_footprint()
    {
        var byId = Registry.Find("la:cardiff");
        Assert.NotNull(byId);
        Assert.Same(byId, Registry.Find("W06000015"));
        Assert.Equal("W06000015", byId.Code);
        Assert.Equal("Cardiff", byId.Name);
        Assert.Equal("Caerdydd", byId.NameCy);
    }

    [Theory]
    [InlineData("la:atlantis")]
    [InlineData("W06999999")]
    [InlineData("W01001780")] // an LSOA is an area code for records, not a footprint
    [InlineData("")]
    public void Unknown_footprint_is_not_found(string idOrCode)
    {
        Assert.Null(Registry.Find(idOrCode));
    }

    [Theory]
    [InlineData("W01001780", "la:cardiff")]   // Cardiff 026B (Llandaff)
    [InlineData("W01000164", "la:conwy")]     // Conwy 009F
    [InlineData("W01000263", "la:flintshire")] // Flintshire 017D
    [InlineData("W06000015", "la:cardiff")]
    [InlineData("W06000024", "la:merthyr-tydfil")]
    public void Record_area_code_resolves_to_its_authority(string areaCode, string authority)
    {
        Assert.True(Registry.TryResolveArea(areaCode, out var resolved));
        Assert.Equal(authority, resolved.Id);
        Assert.Same(resolved, Registry.Authorities[resolved.Index]);
    }

    [Theory]
    [InlineData("la:cardiff", "la:cardiff")]
    [InlineData("W06000015", "la:cardiff")]
    [InlineData("csp:cardiff", null)] // a partnership of one authority is not the authority
    [InlineData("nation:wales", null)]
    [InlineData("W01001770", null)] // an LSOA is a record area, not an authority
    [InlineData("la:atlantis", null)]
    public void An_authority_is_found_by_its_id_or_code_only(string idOrCode, string? expected)
    {
        Assert.Equal(expected, Registry.FindAuthority(idOrCode)?.Id);
        if (expected is not null) Assert.Same(Registry.Find(expected)!.Authority, Registry.FindAuthority(idOrCode));
    }

    [Theory]
    [InlineData("W01999999")]
    [InlineData("W14000023")] // a CSP is not a record area
    [InlineData("E06000001")]
    [InlineData("")]
    public void Unknown_record_area_code_does_not_resolve(string areaCode)
    {
        Assert.False(Registry.TryResolveArea(areaCode, out _));
    }

    [Fact]
    public void Every_lsoa_of_the_lookup_resolves_to_the_authority_the_lookup_names()
    {
        using var csv = new StreamReader(ReferenceData.Open("wales-lsoa11-to-la.csv"));
        var header = SplitCsvLine(csv.ReadLine()!);
        int lsoaColumn = Array.IndexOf(header, "LSOA11CD"), laColumn = Array.IndexOf(header, "LAD19CD");
        var rows = 0;
        while (csv.ReadLine() is { Length: > 0 } line)
        {
            var cells = SplitCsvLine(line);
            Assert.True(Registry.TryResolveArea(cells[lsoaColumn], out var authority), cells[lsoaColumn]);
            Assert.Equal(cells[laColumn], authority.Code);
            rows++;
        }
        Assert.Equal(1909, rows);
    }

    /// <summary>RFC 4180 cells of one line (the lookup quotes ward names that contain commas).</summary>
    private static string[] SplitCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }

    [Theory]
    [InlineData("la:isle-of-anglesey", 68877)]
    [InlineData("la:gwynedd", 117393)]
    [InlineData("la:conwy", 114741)]
    [InlineData("la:denbighshire", 95814)]
    [InlineData("la:flintshire", 154956)]
    [InlineData("la:wrexham", 135112)]
    [InlineData("la:powys", 133174)]
    [InlineData("la:ceredigion", 71481)]
    [InlineData("la:pembrokeshire", 123354)]
    [InlineData("la:carmarthenshire", 187896)]
    [InlineData("la:swansea", 238489)]
    [InlineData("la:neath-port-talbot", 142291)]
    [InlineData("la:bridgend", 145500)]
    [InlineData("la:vale-of-glamorgan", 131947)]
    [InlineData("la:cardiff", 362312)]
    [InlineData("la:rhondda-cynon-taf", 237658)]
    [InlineData("la:merthyr-tydfil", 58839)]
    [InlineData("la:caerphilly", 175948)]
    [InlineData("la:blaenau-gwent", 66899)]
    [InlineData("la:torfaen", 92263)]
    [InlineData("la:monmouthshire", 92958)]
    [InlineData("la:newport", 159587)]
    public void Authority_population_is_its_census_2021_usual_residents(string id, long population)
    {
        Assert.Equal(population, Registry.Find(id)!.Population);
    }

    [Fact]
    public void Wales_population_is_the_sum_of_its_authorities()
    {
        var wales = Registry.Find("nation:wales")!;

        // The 22 Census 2021 authority figures (StatsWales, TS009) sum to 3,107,489; ONS publishes Wales itself
        // as 3,107,494 (independent disclosure control). The hub's contract is the sum of the members.
        Assert.Equal(3_107_489, wales.Population);
        Assert.Equal(Registry.Authorities.Sum(a => a.Footprint.Population), wales.Population);
        Assert.Equal("census2021", Registry.PopulationSource);
    }

    [Fact]
    public void Every_footprint_population_is_the_sum_of_its_members()
    {
        Assert.All(Registry.Footprints, f =>
            Assert.Equal(f.Members.Sum(a => a.Footprint.Population), f.Population));
        Assert.Equal(237658 + 58839, Registry.Find("csp:cwm-taf")!.Population);
    }

    [Fact]
    public void Another_population_source_can_be_chosen()
    {
        var mid2023 = GeographyLoader.LoadReference("mid2023");

        Assert.Equal("mid2023", mid2023.PopulationSource);
        Assert.Equal(383536, mid2023.Find("la:cardiff")!.Population);
        Assert.Equal(3_164_404, mid2023.Find("nation:wales")!.Population);
    }

    [Fact]
    public void Unknown_population_source_is_a_geography_problem()
    {
        var e = Assert.Throws<GeographyException>(() => GeographyLoader.LoadReference("census1066"));
        Assert.Contains(e.Problems, p => p.Contains("census1066", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("la")]
    [InlineData("csp")]
    [InlineData("psb")]
    [InlineData("rpb")]
    [InlineData("apb")]
    [InlineData("force")]
    public void Partitioning_kind_covers_every_authority_exactly_once(string kind)
    {
        Assert.Contains(kind, FootprintKind.Partitioning);
        var members = Registry.OfKind(kind, Today).SelectMany(f => f.Members).Select(a => a.Id).ToList();

        Assert.Equal(members.Count, members.Distinct().Count()); // disjoint
        Assert.Equal(Registry.Authorities.Select(a => a.Id).Order(), members.Order()); // covering
    }

    [Fact]
    public void Every_partitioning_kind_is_checked()
    {
        Assert.Equal(["la", "csp", "psb", "rpb", "apb", "force"], FootprintKind.Partitioning);
    }

    [Theory]
    [InlineData("csp:cwm-taf", new[] { "la:rhondda-cynon-taf", "la:merthyr-tydfil" })]
    [InlineData("psb:cwm-taf-morgannwg", new[] { "la:bridgend", "la:rhondda-cynon-taf", "la:merthyr-tydfil" })]
    [InlineData("force:dyfed-powys", new[] { "la:powys", "la:ceredigion", "la:pembrokeshire", "la:carmarthenshire" })]
    public void Members_are_listed_in_registry_order(string id, string[] members)
    {
        var f = Registry.Find(id)!;
        Assert.Equal(members, f.Members.Select(a => a.Id));
        Assert.Equal(f.Members.Select(a => a.Index).Order(), f.Members.Select(a => a.Index));
        Assert.All(f.Members, a => Assert.Same(a, Registry.Authorities[a.Index]));
    }

    // ---- validation of a geography file ----

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    private static GeographyRegistry LoadJson(string footprints) => GeographyLoader.Load(Json(footprints), null, null);

    private const string A = """{"id": "la:a", "kind": "la", "code": "W06000001", "name": "A", "population": 100}""";
    private const string B = """{"id": "la:b", "kind": "la", "code": "W06000002", "name": "B", "population": 50}""";

    [Fact]
    public void A_footprint_with_a_life_and_a_changed_membership_loads()
    {
        var registry = LoadJson($$"""
            {"footprints": [{{A}}, {{B}},
              {"id": "csp:old", "kind": "csp", "name": "Old", "members": ["la:a"], "validTo": "2019-03-31", "replacedBy": ["csp:ab"]},
              {"id": "csp:ab", "kind": "csp", "name": "AB", "validFrom": "2016-04-01", "replaces": ["csp:old"], "datesAssumed": true,
               "membership": [{"to": "2019-03-31", "members": ["la:b"]}, {"from": "2019-04-01", "members": ["la:b", "la:a"]}]}]}
            """);

        var ab = registry.Find("csp:ab")!;
        Assert.Equal(new DateOnly(2016, 4, 1), ab.ValidFrom);
        Assert.Null(ab.ValidTo);
        Assert.True(ab.DatesAssumed);
        Assert.Equal(["csp:old"], ab.Replaces);
        Assert.Equal(["csp:ab"], registry.Find("csp:old")!.ReplacedBy);
        Assert.Equal(["la:a", "la:b"], ab.Members.Select(a => a.Id));
        Assert.Equal(150, ab.Population); // as the footprint now stands
        Assert.Empty(ab.MembersOn(new DateOnly(2016, 3, 31)));
        Assert.Equal(["la:b"], ab.MembersOn(new DateOnly(2019, 3, 31)).Select(a => a.Id));
        Assert.Equal(["la:a", "la:b"], ab.MembersOn(new DateOnly(2019, 4, 1)).Select(a => a.Id));
        Assert.False(registry.Find("csp:old")!.IsValidOn(new DateOnly(2019, 4, 1)));
        Assert.Equal(["csp:ab"], registry.OfKind("csp", new DateOnly(2020, 1, 1)).Select(f => f.Id));
        Assert.Equal(["csp:old", "csp:ab"], registry.OfKind("csp", new DateOnly(2018, 1, 1)).Select(f => f.Id));
    }

    [Fact]
    public void The_shipped_geography_holds_the_arrangements_before_the_2019_2021_and_2023_changes()
    {
        var before2019 = new DateOnly(2019, 3, 31);
        Assert.Equal(new[] { "la:swansea", "la:bridgend", "la:neath-port-talbot" }.Order(), Registry.Find("rpb:western-bay")!.MembersOn(before2019).Select(a => a.Id).Order());
        Assert.Empty(Registry.Find("rpb:western-bay")!.MembersOn(before2019.AddDays(1)));
        Assert.Equal(new[] { "la:swansea", "la:bridgend", "la:neath-port-talbot" }.Order(), Registry.Find("apb:western-bay")!.MembersOn(before2019).Select(a => a.Id).Order());
        Assert.Equal(new[] { "la:swansea", "la:neath-port-talbot" }.Order(), Registry.Find("apb:western-bay")!.MembersOn(before2019.AddDays(1)).Select(a => a.Id).Order());
        Assert.Equal(19, Registry.OfKind("psb", new DateOnly(2020, 1, 1)).Count());
        Assert.Equal(15, Registry.OfKind("psb", new DateOnly(2022, 1, 1)).Count());
        Assert.Equal(13, Registry.OfKind("psb", Today).Count());
        Assert.Equal(7, Registry.OfKind("rpb", new DateOnly(2018, 1, 1)).Count());
        Assert.Empty(Registry.OfKind("psb", new DateOnly(2015, 1, 1)));
        // Every arrangement of the past covers Wales once per partitioning kind, as today's does.
        foreach (var day in new[] { new DateOnly(2017, 1, 1), new DateOnly(2019, 3, 31), new DateOnly(2019, 4, 1), new DateOnly(2021, 6, 1), new DateOnly(2023, 4, 1) })
            foreach (var kind in FootprintKind.Partitioning.Where(k => k != "psb" || day >= new DateOnly(2016, 4, 1)))
            {
                var members = Registry.OfKind(kind, day).SelectMany(f => f.MembersOn(day)).Select(a => a.Id).ToList();
                Assert.Equal(Registry.Authorities.Select(a => a.Id).Order(), members.Order());
            }
    }

    [Fact]
    public void Small_valid_file_loads_with_populations_from_the_file()
    {
        var registry = LoadJson($$"""
            {"footprints": [{{A}}, {{B}},
              {"id": "csp:ab", "kind": "csp", "name": "AB", "members": ["la:b", "la:a"]}]}
            """);

        Assert.Equal(2, registry.Authorities.Count);
        var ab = registry.Find("csp:ab")!;
        Assert.Equal(["la:a", "la:b"], ab.Members.Select(a => a.Id));
        Assert.Equal(150, ab.Population);
        Assert.Equal("footprints file", registry.PopulationSource);
        Assert.Equal(["csp:ab"], registry.Find("la:a")!.Parents);
    }

    [Theory]
    [InlineData("unknown member", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a", "la:zz"]}]}
        """, "csp:x")]
    [InlineData("duplicate partnership id", $$"""
        {"footprints": [{{A}}, {"id": "psb:x", "kind": "psb", "name": "X", "members": ["la:a"]},
                         {"id": "psb:x", "kind": "psb", "name": "X again", "members": ["la:a"]}]}
        """, "psb:x")]
    [InlineData("empty footprint", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "members": []}]}
        """, "csp:x")]
    [InlineData("footprint without members", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X"}]}
        """, "csp:x")]
    [InlineData("id not prefixed by kind", $$"""
        {"footprints": [{{A}}, {"id": "psb:x", "kind": "csp", "name": "X", "members": ["la:a"]}]}
        """, "psb:x")]
    [InlineData("authority id not prefixed by kind", $$"""
        {"footprints": [{{A}}, {"id": "cardiff", "kind": "la", "code": "W06000015", "name": "Cardiff", "population": 5}]}
        """, "cardiff")]
    [InlineData("authority without code", $$"""
        {"footprints": [{{A}}, {"id": "la:b", "kind": "la", "name": "B", "population": 5}]}
        """, "la:b")]
    [InlineData("duplicate code", $$"""
        {"footprints": [{{A}}, {"id": "la:b", "kind": "la", "code": "W06000001", "name": "B", "population": 5}]}
        """, "la:b")]
    [InlineData("authority without population", $$"""
        {"footprints": [{{A}}, {"id": "la:b", "kind": "la", "code": "W06000002", "name": "B"}]}
        """, "la:b")]
    [InlineData("member listed twice", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a", "la:a"]}]}
        """, "csp:x")]
    [InlineData("members and membership both", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a"], "membership": [{"members": ["la:a"]}]}]}
        """, "csp:x")]
    [InlineData("unknown member in a period", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "membership": [{"to": "2019-03-31", "members": ["la:a"]}, {"from": "2019-04-01", "members": ["la:zz"]}]}]}
        """, "csp:x")]
    [InlineData("periods overlapping", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "membership": [{"to": "2019-04-01", "members": ["la:a"]}, {"from": "2019-04-01", "members": ["la:a"]}]}]}
        """, "csp:x")]
    [InlineData("a gap between periods", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "membership": [{"to": "2019-03-30", "members": ["la:a"]}, {"from": "2019-04-01", "members": ["la:a"]}]}]}
        """, "csp:x")]
    [InlineData("ends before it begins", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a"], "validFrom": "2020-01-01", "validTo": "2019-12-31"}]}
        """, "csp:x")]
    [InlineData("replaced by an unknown footprint", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a"], "validTo": "2019-12-31", "replacedBy": ["csp:nowhere"]}]}
        """, "csp:x")]
    [InlineData("replaces an unknown footprint", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a"], "replaces": ["csp:nowhere"]}]}
        """, "csp:x")]
    [InlineData("an authority with a life", $$"""
        {"footprints": [{{A}}, {"id": "la:b", "kind": "la", "code": "W06000002", "name": "B", "population": 5, "validTo": "2019-12-31"}]}
        """, "la:b")]
    [InlineData("an unknown property", $$"""
        {"footprints": [{{A}}, {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a"], "validUntil": "2019-12-31"}]}
        """, "validUntil")]
    public void Inconsistent_file_is_rejected_naming_the_offending_footprint(string problem, string json, string id)
    {
        var e = Assert.Throws<GeographyException>(() => LoadJson(json));

        Assert.True(e.Problems.Any(p => p.Contains(id, StringComparison.Ordinal)),
            $"{problem}: no problem names '{id}': {string.Join(" | ", e.Problems)}");
        Assert.Contains(id, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_authority_id_is_a_geography_problem_naming_the_id()
    {
        // Two authorities with the same id must be reported like any other inconsistency, not crash the loader.
        var e = Assert.Throws<GeographyException>(() => LoadJson($$"""
            {"footprints": [{{A}}, {"id": "la:a", "kind": "la", "code": "W06000002", "name": "A again", "population": 5}]}
            """));

        Assert.Contains(e.Problems, p => p.Contains("'la:a'", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var e = Assert.Throws<GeographyException>(() => LoadJson($$"""
            {"footprints": [{{A}}, {"id": "la:b", "kind": "la", "name": "B", "population": 5},
              {"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:zz"]},
              {"id": "csp:y", "kind": "csp", "name": "Y", "members": []}]}
            """));

        Assert.Contains(e.Problems, p => p.Contains("'la:b'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("'csp:x'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("'csp:y'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"footprints": []}""")]
    [InlineData("""{}""")]
    [InlineData("""{"footprints": [""")]
    [InlineData("""{"footprints": [{"id": "csp:x", "kind": "csp", "name": "X", "members": ["la:a"]}]}""")]
    public void File_without_authorities_is_rejected(string json)
    {
        var e = Assert.Throws<GeographyException>(() => LoadJson(json));
        Assert.NotEmpty(e.Problems);
    }

    [Fact]
    public void Lsoa_lookup_naming_an_unknown_authority_code_is_rejected()
    {
        var lookup = Json("LSOA11CD,LAD19CD\nW01000001,W06000001\nW01000002,W06000099\n");

        var e = Assert.Throws<GeographyException>(() =>
            GeographyLoader.Load(Json($$"""{"footprints": [{{A}}]}"""), lookup, null));
        Assert.Contains(e.Problems, p => p.Contains("W06000099", StringComparison.Ordinal));
    }

    [Fact]
    public void Lsoa_lookup_maps_lsoa_codes_to_authorities()
    {
        var lookup = Json("LSOA11CD,LAD19CD\nW01000001,W06000002\nW01000002,W06000001\n");

        var registry = GeographyLoader.Load(Json($$"""{"footprints": [{{A}}, {{B}}]}"""), lookup, null);

        Assert.True(registry.TryResolveArea("W01000001", out var b));
        Assert.Equal("la:b", b.Id);
        Assert.True(registry.TryResolveArea("W01000002", out var a));
        Assert.Equal("la:a", a.Id);
    }

    [Fact]
    public void Population_table_overrides_the_file_and_must_cover_every_authority()
    {
        var table = Json("code,census2021\nW06000001,1000\nW06000002,2000\n");
        var registry = GeographyLoader.Load(Json($$"""{"footprints": [{{A}}, {{B}}]}"""), null, table);
        Assert.Equal(1000, registry.Find("la:a")!.Population);
        Assert.Equal("census2021", registry.PopulationSource);

        var partial = Json("code,census2021\nW06000001,1000\n");
        var e = Assert.Throws<GeographyException>(() =>
            GeographyLoader.Load(Json($$"""{"footprints": [{{A}}, {{B}}]}"""), null, partial));
        Assert.Contains(e.Problems, p => p.Contains("'la:b'", StringComparison.Ordinal));
    }
}
