using System.Globalization;
using AnalysisHub.Server.Shared;
using CsCheck;

namespace AnalysisHub.Server.Tests;

/// <summary>
/// Formula neutralising, against a model written from the rule (OWASP's CSV injection advice as the issue puts it):
/// text starting with = + - @ tab or CR is prefixed with an apostrophe; anything else, and every number, is unchanged.
/// </summary>
public sealed class SpreadsheetCellTests
{
    private static readonly Gen<string> Cells = Gen.OneOf(
        Gen.String,
        Gen.Char["=+-@\t\r0123456789.eE abc"].Array[0, 8].Select(c => new string(c)),
        Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)));

    private static string Model(string cell)
    {
        var dangerous = cell.StartsWith('=') || cell.StartsWith('+') || cell.StartsWith('-') || cell.StartsWith('@') || cell.StartsWith('\t') || cell.StartsWith('\r');
        // A number as the hub writes one: no surrounding white space (a leading tab is itself a formula start).
        const NumberStyles written = NumberStyles.Float & ~(NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite);
        var number = decimal.TryParse(cell, written, CultureInfo.InvariantCulture, out _)
                     || (double.TryParse(cell, written, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d));
        return dangerous && !number ? "'" + cell : cell;
    }

    [Fact]
    public void Every_cell_is_neutralised_as_the_model_says() =>
        Cells.Sample(cell => Assert.Equal(Model(cell), SpreadsheetCells.Neutralised(cell)), iter: 20_000);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("-3", "-3")]
    [InlineData("+1.5", "+1.5")]
    [InlineData("Cardiff", "Cardiff")]
    public void Known_attacks_are_neutralised_and_numbers_kept(string cell, string expected) =>
        Assert.Equal(expected, SpreadsheetCells.Neutralised(cell));
}
