using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Server.Surveillance;

/// <summary>
/// The exceedance test alerts use for one week of a dense weekly series: Farrington-flexible once it can be
/// tested (five years of data), EARS C2 before that. History starts at the first week with data.
/// </summary>
internal static class WeeklyExceedance
{
    public sealed record Result(string Method, double Expected, double Threshold, bool Alarm);

    public static Result? Evaluate(IReadOnlyList<long> weekly, int t)
    {
        var dataStart = -1;
        for (var i = 0; i < weekly.Count; i++)
            if (weekly[i] > 0) { dataStart = i; break; }
        if (dataStart < 0 || t < dataStart) return null;
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
