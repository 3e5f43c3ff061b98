using System.Text.RegularExpressions;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// The indicators this hub keeps targets and published figures for: an <c>{indicator}</c> in a route names one of
/// these or the route answers 404. Ids are short lowercase slugs, so one that is not cannot be a typing slip of one.
/// </summary>
public sealed partial class KnownIndicators(IReadOnlySet<string> ids)
{
    /// <summary>The public-confidence measure of the agreement (reference: confidence.md).</summary>
    public const string PoliceAndCouncilDealingWithIssues = "police-and-council-dealing-with-issues";

    public IReadOnlySet<string> Ids { get; } = ids;

    public bool Contains(string id) => Slug().IsMatch(id) && Ids.Contains(id);

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex Slug();
}
