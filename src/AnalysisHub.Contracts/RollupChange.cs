namespace AnalysisHub.Contracts;

/// <summary>
/// What changed in a rollup since its last notification: which feeds, which local days (day numbers) and
/// which months (month indexes, for records known only to their month). Counts are not carried: a web node
/// asks once per distinct subscription, however many clients share it. <see cref="Reset"/>: the rollup was
/// rebuilt, so anything may have changed — listeners start again from a snapshot.
/// </summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.RollupChange")]
public sealed record RollupChange(
    [property: Id(0)] string RollupId,
    [property: Id(1)] int[] Feeds,
    [property: Id(2)] int[] Days,
    [property: Id(3)] int[] Months,
    [property: Id(4)] bool Reset = false);
