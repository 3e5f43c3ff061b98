namespace AnalysisHub.Domain.Ingest;

/// <summary>The record contract's field names (NDJSON properties and CSV columns).</summary>
public static class RecordFields
{
    public const string Id = "id";
    public const string OccurredAt = "occurredAt";
    public const string Area = "area";
    public const string Category = "category";
    public const string Flags = "flags";
    public const string Version = "version";
    public const string Status = "status";
    public const string Precision = "precision";

    /// <summary>A survey response's weight (weighted feeds only).</summary>
    public const string Weight = "weight";

    public static readonly IReadOnlyList<string> All = [Id, OccurredAt, Area, Category, Flags, Version, Status, Precision, Weight];

    /// <summary>The field's position in <see cref="All"/> (exact, case-sensitive name, as JSON is); -1 when unknown.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Stores a textual value into the matching field; false for an unknown name (case-insensitive).</summary>
    public static bool TrySet(RawRecord record, string name, string value, char flagSeparator)
    {
        if (name.Equals(Id, StringComparison.OrdinalIgnoreCase)) record.Id = value;
        else if (name.Equals(OccurredAt, StringComparison.OrdinalIgnoreCase)) record.OccurredAt = value;
        else if (name.Equals(Area, StringComparison.OrdinalIgnoreCase)) record.Area = value;
        else if (name.Equals(Category, StringComparison.OrdinalIgnoreCase)) record.Category = value;
        else if (name.Equals(Version, StringComparison.OrdinalIgnoreCase)) record.Version = value;
        else if (name.Equals(Status, StringComparison.OrdinalIgnoreCase)) record.Status = value;
        else if (name.Equals(Precision, StringComparison.OrdinalIgnoreCase)) record.Precision = value;
        else if (name.Equals(Weight, StringComparison.OrdinalIgnoreCase)) record.Weight = value;
        else if (name.Equals(Flags, StringComparison.OrdinalIgnoreCase))
            record.Flags = value.Split(flagSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        else return false;
        return true;
    }
}
