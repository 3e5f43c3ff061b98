using System.Text.Json;
using AnalysisHub.Domain.Indicators;

namespace AnalysisHub.Storage;

/// <summary>
/// A target's milestones as both stores keep them: one JSON array in the target's row, so a re-put replaces the
/// whole list in one statement and a target is never read with half its milestones.
/// </summary>
internal static class IndicatorColumns
{
    public static string Milestones(IReadOnlyList<TargetMilestone> milestones) => JsonSerializer.Serialize(milestones);

    public static IReadOnlyList<TargetMilestone> ReadMilestones(string json) =>
        JsonSerializer.Deserialize<List<TargetMilestone>>(json) ?? throw new InvalidDataException("a target's milestones column holds null");
}
