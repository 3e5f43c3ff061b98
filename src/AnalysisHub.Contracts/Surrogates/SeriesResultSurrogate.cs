using AnalysisHub.Domain.Rollups;
using Orleans.Serialization.Cloning;

namespace AnalysisHub.Contracts.Surrogates;

/// <summary>How a <see cref="SeriesResult"/> crosses a grain call: its points as parallel arrays (days as day numbers).</summary>
[GenerateSerializer, Immutable, Alias("AnalysisHub.SeriesResult")]
public readonly record struct SeriesResultSurrogate(
    [property: Id(0)] string[] Periods,
    [property: Id(1)] int[] StartDays,
    [property: Id(2)] int[] EndDays,
    [property: Id(3)] long[] Counts,
    [property: Id(4)] long Total,
    [property: Id(5)] long ExcludedMonthPrecision);

[RegisterConverter]
public sealed class SeriesResultConverter : IConverter<SeriesResult, SeriesResultSurrogate>
{
    public SeriesResult ConvertFromSurrogate(in SeriesResultSurrogate surrogate)
    {
        var points = new SeriesPoint[surrogate.Periods.Length];
        for (var i = 0; i < points.Length; i++)
            points[i] = new SeriesPoint(surrogate.Periods[i], DateOnly.FromDayNumber(surrogate.StartDays[i]),
                DateOnly.FromDayNumber(surrogate.EndDays[i]), surrogate.Counts[i]);
        return new SeriesResult(points, surrogate.Total, surrogate.ExcludedMonthPrecision);
    }

    public SeriesResultSurrogate ConvertToSurrogate(in SeriesResult value)
    {
        var n = value.Points.Count;
        string[] periods = new string[n];
        int[] starts = new int[n], ends = new int[n];
        var counts = new long[n];
        for (var i = 0; i < n; i++)
        {
            var p = value.Points[i];
            (periods[i], starts[i], ends[i], counts[i]) = (p.Period, p.Start.DayNumber, p.End.DayNumber, p.Count);
        }
        return new SeriesResultSurrogate(periods, starts, ends, counts, value.Total, value.ExcludedMonthPrecision);
    }
}

/// <summary>A result is never changed after the grain computes it, so a call within a silo passes it as it is.</summary>
[RegisterCopier]
public sealed class SeriesResultCopier : IDeepCopier<SeriesResult>
{
    public SeriesResult? DeepCopy(SeriesResult? input, CopyContext context) => input;
}
