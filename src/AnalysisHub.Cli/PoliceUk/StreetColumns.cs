namespace AnalysisHub.Cli.PoliceUk;

/// <summary>The columns of a data.police.uk street file, found by name whatever their case or order.</summary>
public sealed class StreetColumns
{
    public static readonly string[] All =
    [
        "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code", "LSOA name",
        "Crime type", "Last outcome category", "Context",
    ];

    /// <summary>Without these a row cannot become a record.</summary>
    public static readonly string[] Required = ["Crime ID", "Month", "LSOA code", "LSOA name", "Crime type"];

    private readonly int[] _positions;

    private StreetColumns(int[] positions) => _positions = positions;

    /// <summary>The columns of a header row, or the required ones it lacks.</summary>
    public static StreetColumns? From(IReadOnlyList<string> header, out IReadOnlyList<string> missing)
    {
        var names = header.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var positions = All.Select(c => names.FindIndex(n => string.Equals(n, c, StringComparison.OrdinalIgnoreCase))).ToArray();
        missing = Required.Where(r => positions[Array.IndexOf(All, r)] < 0).ToList();
        return missing.Count == 0 ? new StreetColumns(positions) : null;
    }

    /// <summary>A row's value in a column (trimmed; empty when the column or the cell is absent).</summary>
    public string Get(IReadOnlyList<string> row, string column)
    {
        var position = _positions[Array.IndexOf(All, column)];
        return position >= 0 && position < row.Count ? row[position].Trim() : "";
    }

    /// <summary>The row's values in the canonical column order: what identifies a row that has no Crime ID.</summary>
    public IEnumerable<string> Canonical(IReadOnlyList<string> row) => All.Select(c => Get(row, c));
}
