namespace AnalysisHub.Domain;

/// <summary>The reference files embedded in this assembly (see ReferenceData/SOURCES.md for origin and licence).</summary>
public static class ReferenceData
{
    public const string Attribution =
        "Contains public sector information licensed under the Open Government Licence v3.0.";

    public static Stream Open(string fileName) =>
        typeof(ReferenceData).Assembly.GetManifestResourceStream("ReferenceData." + fileName)
        ?? throw new FileNotFoundException($"embedded reference file '{fileName}' is missing");
}
