namespace AnalysisHub.Grains;

public static class StorageNames
{
    /// <summary>The grain storage provider holding authority checkpoints.</summary>
    public const string Checkpoints = "checkpoints";
}
