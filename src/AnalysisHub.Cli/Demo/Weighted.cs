namespace AnalysisHub.Cli.Demo;

/// <summary>A choice among values by relative weight.</summary>
public sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] choices)
    {
        _values = choices.Select(c => c.Value).ToArray();
        var total = 0.0;
        _cumulative = choices.Select(c => total += c.Weight).ToArray();
    }

    public T Pick(Random random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        return _values[i < 0 ? ~i : i];
    }
}
