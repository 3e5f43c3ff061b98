namespace AnalysisHub.Domain.Records;

/// <summary>One bad field of one row. <see cref="Row"/> is the 1-based data row (0 for a CSV header problem).</summary>
public sealed record RowError(int Row, string Field, string Message);
