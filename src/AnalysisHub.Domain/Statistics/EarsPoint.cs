namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The EARS result for one period. A period without enough history has <see cref="Tested"/> false and every
/// other figure null: "not tested" must never read as "expected 0, no alarm".
/// </summary>
/// <param name="Expected">the baseline mean.</param>
/// <param name="StandardDeviation">the baseline sample sd (n − 1), after the minSigma floor.</param>
/// <param name="Statistic">S = (y − mean)/sd for C1 and C2; the C3 sum for C3.</param>
/// <param name="Threshold">the count this period had to exceed to alarm: mean + 3·sd for C1 and C2; for C3,
/// mean + sd·(3 − A) where A is the contribution of the two previous periods (when A &gt; 2 the alarm stands
/// whatever the count, see <see cref="Ears"/>).</param>
public sealed record EarsPoint(
    int Index,
    long Count,
    double? Expected,
    double? StandardDeviation,
    double? Statistic,
    double? Threshold,
    bool? Alarm)
{
    public bool Tested => Alarm is not null;

    public static EarsPoint Untested(int index, long count) => new(index, count, null, null, null, null, null);
}
