namespace AnalysisHub.Storage;

/// <summary>How a defined footprint's members are stored in both databases: authority ids joined by ','.</summary>
internal static class FootprintDefinitionColumns
{
    public static string Members(IReadOnlyList<string> members) => string.Join(',', members);

    public static IReadOnlyList<string> Members(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
