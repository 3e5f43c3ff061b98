namespace AnalysisHub.Domain.Completeness;

/// <summary>
/// How complete a feed's month is in one authority: judged from its records against the months before it
/// (<see cref="CompletenessRule"/>), unless the supplier declared the month (<see cref="DeclaredDelivery"/>).
/// </summary>
public enum DeliveryStatus
{
    /// <summary>At least half the median of the previous 12 months that had records, or declared complete.</summary>
    Complete,
    /// <summary>Some records, but fewer than half that median.</summary>
    Partial,
    /// <summary>No records, where some of the previous 12 months had records.</summary>
    Missing,
    /// <summary>None of the previous 12 months had records: nothing to judge the month against.</summary>
    NoHistory,
    /// <summary>The supplier withdrew the month: its figures are not to be relied on, whatever they hold.</summary>
    Withdrawn,
}

/// <summary>What a supplier may declare of a month.</summary>
public enum DeclaredDelivery
{
    Complete,
    Withdrawn,
}

/// <summary>The API's names of the statuses.</summary>
public static class DeliveryStatusNames
{
    public static string ToSlug(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Complete => "complete",
        DeliveryStatus.Partial => "partial",
        DeliveryStatus.Missing => "missing",
        DeliveryStatus.NoHistory => "no-history",
        DeliveryStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ToSlug(this DeclaredDelivery declared) => declared == DeclaredDelivery.Complete ? "complete" : "withdrawn";

    /// <summary>The names a supplier may send: <c>complete</c> and <c>withdrawn</c>.</summary>
    public static IReadOnlyList<string> Declarable { get; } = ["complete", "withdrawn"];

    public static bool TryParseDeclared(string? slug, out DeclaredDelivery declared)
    {
        declared = DeclaredDelivery.Complete;
        switch (slug)
        {
            case "complete": return true;
            case "withdrawn": declared = DeclaredDelivery.Withdrawn; return true;
            default: return false;
        }
    }

    /// <summary>
    /// True when figures resting on a month of this status may be short: missing, partial or withdrawn. A month with
    /// no history is not flagged: with nothing before it there is no shortfall to see (a feed's first months).
    /// </summary>
    public static bool IsIncomplete(this DeliveryStatus status) =>
        status is DeliveryStatus.Missing or DeliveryStatus.Partial or DeliveryStatus.Withdrawn;
}
