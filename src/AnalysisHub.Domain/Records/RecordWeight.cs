using System.Globalization;

namespace AnalysisHub.Domain.Records;

/// <summary>
/// A survey response's weight, held as an integer number of millionths. Cells are integer sums, so a weight and its
/// square add and subtract exactly: a correction of the weight alone, undone by a later one, leaves every footprint's
/// sums as they were, in any order of arrival, which floating-point sums would not.
/// </summary>
/// <remarks>
/// The default value (0 millionths) is "no weight": the record's feed is not weighted. A weighted feed's record
/// without a weight carries <see cref="One"/>. Weights are at most <see cref="MaxValue"/>, which keeps a day's sum of
/// squares of a whole nation's responses far inside a 64-bit cell; survey design weights are of order one, and
/// grossing weights can be scaled down without changing any percent or effective base.
/// </remarks>
public readonly record struct RecordWeight
{
    /// <summary>Millionths per unit of weight.</summary>
    public const long Scale = 1_000_000;

    public const double MaxValue = 1_000;

    private RecordWeight(long micros) => Micros = micros;

    /// <summary>The weight in millionths; 0 for a record of an unweighted feed.</summary>
    public long Micros { get; }

    public bool IsWeighted => Micros > 0;

    public double Value => (double)Micros / Scale;

    /// <summary>The weight's square in millionths, rounded half up: what the sum-of-squares cell adds.</summary>
    /// <remarks>Exact in 64 bits: the largest weight is 10⁹ millionths, whose square is 10¹⁸.</remarks>
    public long SquareMicros => (Micros * Micros + Scale / 2) / Scale;

    public static RecordWeight One { get; } = new(Scale);

    /// <summary>The weight as stored (millionths; 0 or absent for none).</summary>
    public static RecordWeight FromStored(long micros) => new(micros);

    /// <summary>Reads a weight as a source writes it: a plain decimal number (JSON number or CSV text).</summary>
    /// <returns>null when it is one, else why it is not.</returns>
    public static string? TryParse(string text, out RecordWeight weight)
    {
        weight = default;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var value))
            return "must be a number";
        if (value <= 0) return "must be positive";
        if (value > (decimal)MaxValue) return $"must be at most {MaxValue:0} (scale the survey's weights down: percents and effective bases do not change)";
        var micros = (long)decimal.Round(value * Scale, MidpointRounding.AwayFromZero);
        if (micros == 0) return "must be at least 0.0000005 (weights are held to six decimal places)";
        weight = new RecordWeight(micros);
        return null;
    }

    /// <summary>The weight as a decimal number, without trailing zeros (the form the API shows and CSV is written in).</summary>
    public override string ToString() => ((decimal)Micros / Scale).ToString("0.######", CultureInfo.InvariantCulture);
}
