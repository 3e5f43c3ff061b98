namespace AnalysisHub.Server.Api;

/// <summary>What each public output says about its disclosure control (its <c>disclosureControl</c> field).</summary>
internal static class PublicNotes
{
    public const string Series =
        "Counts of 1 to 4 are shown as \"<5\" and their rates and intervals withheld. The total is withheld (null) whenever a period's count is, " +
        "so no withheld count can be worked out from the others; the month-precision count is shown as \"<5\" when 1 to 4. " +
        "Rates from fewer than 10 events are marked unreliable.";

    public const string Exceedance =
        "Counts of 1 to 4 are shown as \"<5\". A period's expected value, threshold, statistic and alarm are withheld (null, with withheld true) " +
        "when its own count or any count they are computed from (the method's baseline or reference periods) is 1 to 4, because each can give " +
        "such a count back: the statistic is (count - expected) / sd, successive expected values differ by a baseline count over 7, and an alarm " +
        "beside its threshold bounds the count. Untested periods have nulls with withheld false.";

    public const string Profile =
        "Counts of 1 to 4 are shown as \"<5\". The total is withheld (null) whenever an hour's count is, so no withheld count can be worked out " +
        "from the others.";
}
