namespace AnalysisHub.Domain.Ingest;

/// <summary>One row as written by the source, before validation. Null means the field was absent.</summary>
public sealed class RawRecord
{
    public string? Id;
    public string? OccurredAt;
    public string? Area;
    public string? Category;
    public List<string>? Flags;
    public string? Version;
    public string? Status;
    public string? Precision;
    public string? Weight;

    /// <summary>Problems found while reading the row's syntax (unknown field, wrong JSON type).</summary>
    public List<(string Field, string Message)>? ReadErrors;

    public void AddReadError(string field, string message) => (ReadErrors ??= []).Add((field, message));

    /// <summary>The field name of a problem with the whole row (not JSON, not UTF-8…).</summary>
    public const string WholeRow = "(row)";

    /// <summary>
    /// True when reading already reported this field, or the whole row, so validation adds nothing more about
    /// it: a row that could not be read has no fields to call missing.
    /// </summary>
    public bool HasReadError(string field) => ReadErrors?.Exists(e => e.Field == field || e.Field == WholeRow) == true;

    public void Reset()
    {
        Id = OccurredAt = Area = Category = Version = Status = Precision = Weight = null;
        Flags = null;
        ReadErrors = null;
    }
}
