namespace AnalysisHub.Server.Public;

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
        "beside its threshold bounds the count. Periods that could not be tested have nulls with withheld false.";

    public const string Profile =
        "Counts of 1 to 4 are shown as \"<5\". The total is withheld (null) whenever an hour's count is, so no withheld count can be worked out " +
        "from the others.";

    public const string Bulletin =
        "Disclosure control applied: counts of 1 to 4 are shown as \"<5\", and rates, intervals and the comparison with Wales are withheld " +
        "where they rest on one. The previous four weeks' mean is shown as \"<1.25\" when those weeks hold 1 to 4 events between them. " +
        "EARS C2 and Farrington figures are withheld when the week's count or any count they are computed from is 1 to 4. The profile's total " +
        "is withheld when any hour's count is. Members are listed only with 5 or more events; when any member has 1 to 4, the list is withheld " +
        "unless it is full (five members) and the members left out could share the rest of the footprint's count in many ways.";
}
