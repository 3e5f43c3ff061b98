using AnalysisHub.Domain.Statistics;
using AnalysisHub.Server.Shared;

namespace AnalysisHub.Server.Alerts;

/// <summary>
/// The exceedance test alerts use for one week of a dense weekly series: Farrington-flexible once it can be
/// tested (five years of data), EARS C2 before that.
/// </summary>
internal static class WeeklyExceedance
{
    public sealed record Result(string Method, double Expected, double Threshold, bool Alarm);

    /// <summary>Tests week <paramref name="t"/>; history starts at <paramref name="dataStart"/>, the first week from the
    /// footprint's first record, as the exceedance endpoint finds it (<see cref="RecordedHistory"/>).</summary>
    public static Result? Evaluate(IReadOnlyList<long> weekly, int t, int dataStart)
    {
        if (dataStart >= weekly.Count || t < dataStart) return null;
        var counts = weekly.Skip(dataStart).ToList();
        if (Farrington.Evaluate(counts, t - dataStart) is { } f)
        {
            // Without enough recent cases (limit54) Farrington has no figures and cannot alarm.
            return f is { Expected: { } expected, Threshold: { } threshold }
                ? new Result("farrington", expected, threshold, f.Alarm)
                : null;
        }
        var e = Ears.Evaluate(counts, t - dataStart, EarsMethod.C2);
        return e.Tested ? new Result("ears-c2", e.Expected!.Value, e.Threshold!.Value, e.Alarm!.Value) : null;
    }
}
