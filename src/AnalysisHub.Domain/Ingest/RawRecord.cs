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

    /// <summary>Problems found while reading the row's syntax (unknown field, wrong JSON type).</summary>
    public List<(string Field, string Message)>? ReadErrors;

    public void AddReadError(string field, string message) => (ReadErrors ??= []).Add((field, message));

    /// <summary>True when reading already reported this field, so validation adds nothing more about it.</summary>
    public bool HasReadError(string field) => ReadErrors?.Exists(e => e.Field == field) == true;

    public void Reset()
    {
        Id = OccurredAt = Area = Category = Version = Status = Precision = null;
        Flags = null;
        ReadErrors = null;
    }
}
