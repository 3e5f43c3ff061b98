namespace AnalysisHub.Domain.Geography;

/// <summary>The geography files are inconsistent; the message names every problem found.</summary>
public sealed class GeographyException(IReadOnlyList<string> problems)
    : Exception("Invalid geography: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
