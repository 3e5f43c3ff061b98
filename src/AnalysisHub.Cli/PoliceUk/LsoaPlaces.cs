using AnalysisHub.Cli.Csv;

namespace AnalysisHub.Cli.PoliceUk;

/// <summary>How a street row's LSOA was placed in an authority, or why it was not.</summary>
public enum Placement
{
    /// <summary>A 2011 LSOA code of the lookup.</summary>
    ByCode,
    /// <summary>A Welsh code the lookup lacks (a 2021 LSOA, say), placed by its name's prefix, the authority's name (<c>Newport 014B</c>).</summary>
    ByName,
    /// <summary>An LSOA outside Wales (police forces record crimes just over the border).</summary>
    OutsideWales,
    /// <summary>No LSOA at all: a crime recorded without a location.</summary>
    NoLocation,
    /// <summary>A Welsh code the lookup lacks whose name names no authority either.</summary>
    Unplaced,
}

/// <summary>
/// The Welsh LSOAs (2011) and their authorities (the lookup the hub itself embeds), and the authorities by name,
/// for LSOAs of other vintages.
/// </summary>
public sealed class LsoaPlaces
{
    private readonly Dictionary<string, string> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);

    private LsoaPlaces() { }

    public static LsoaPlaces Embedded()
    {
        using var stream = typeof(LsoaPlaces).Assembly.GetManifestResourceStream("ReferenceData.wales-lsoa11-to-la.csv")
            ?? throw new InvalidOperationException("the embedded LSOA lookup is missing");
        var places = new LsoaPlaces();
        List<string>? header = null;
        foreach (var row in new RowScanner(stream, csvQuotes: true).Rows())
        {
            var fields = CsvFields.Parse(System.Text.Encoding.UTF8.GetString(row.Bytes.Span));
            if (header is null)
            {
                header = fields;
                continue;
            }
            string Field(string name) => fields[header.IndexOf(name)];
            var authority = Field("LAD19CD");
            places._byCode[Field("LSOA11CD")] = authority;
            places._byName[Field("LAD19NM")] = authority;
            if (NamePrefix(Field("LSOA11NM")) is { } prefix) places._byName[prefix] = authority;
        }
        return places;
    }

    /// <summary>The authority code (<c>W06…</c>) of a row's LSOA, and how it was found; null authority when not placed.</summary>
    public (Placement How, string? Authority) Place(string code, string name)
    {
        code = code.Trim();
        if (code.Length > 0 && _byCode.TryGetValue(code, out var byCode)) return (Placement.ByCode, byCode);
        if (code.Length > 0 && !code.StartsWith('W')) return (Placement.OutsideWales, null);
        if (NamePrefix(name.Trim()) is { } prefix && _byName.TryGetValue(prefix, out var byName)) return (Placement.ByName, byName);
        return code.Length == 0 && name.Trim().Length == 0 ? (Placement.NoLocation, null) : (Placement.Unplaced, null);
    }

    /// <summary>The authority part of an LSOA name: everything before the last space (<c>Rhondda Cynon Taf 001A</c> → <c>Rhondda Cynon Taf</c>).</summary>
    private static string? NamePrefix(string lsoaName)
    {
        var space = lsoaName.LastIndexOf(' ');
        return space > 0 ? lsoaName[..space].Trim() : null;
    }
}
