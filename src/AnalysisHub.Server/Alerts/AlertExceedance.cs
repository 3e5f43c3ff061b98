using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Shared;

namespace AnalysisHub.Server.Alerts;

/// <summary>
/// The exceedance test alerts use for one period of a dense weekly or monthly series: Farrington-flexible once it can
/// be tested (five years of data; <see cref="FarringtonOptions.For"/> gives the weekly or monthly settings), EARS C2
/// before that — the same figures the exceedance endpoint gives for the period.
/// </summary>
internal static class AlertExceedance
{
    public sealed record Result(string Method, double Expected, double Threshold, bool Alarm);

    /// <summary>Tests period <paramref name="t"/>; history starts at <paramref name="dataStart"/>, the first period from
    /// the footprint's first record, as the exceedance endpoint finds it (<see cref="RecordedHistory"/>).</summary>
    public static Result? Evaluate(IReadOnlyList<long> counts, int t, int dataStart, Granularity granularity)
    {
        if (dataStart >= counts.Count || t < dataStart) return null;
        var recorded = counts.Skip(dataStart).ToList();
        var options = FarringtonOptions.For(granularity) ?? throw new ArgumentOutOfRangeException(nameof(granularity), granularity, null);
        if (Farrington.Evaluate(recorded, t - dataStart, options) is { } f)
        {
            // Without enough recent cases (limit54) Farrington has no figures and cannot alarm.
            return f is { Expected: { } expected, Threshold: { } threshold }
                ? new Result("farrington", expected, threshold, f.Alarm)
                : null;
        }
        var e = Ears.Evaluate(recorded, t - dataStart, EarsMethod.C2);
        return e.Tested ? new Result("ears-c2", e.Expected!.Value, e.Threshold!.Value, e.Alarm!.Value) : null;
    }
}
