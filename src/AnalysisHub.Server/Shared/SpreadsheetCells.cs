using System.Globalization;

namespace AnalysisHub.Server.Shared;

/// <summary>
/// Every CSV the hub writes passes its text cells through here: a cell a spreadsheet would read as a formula (one that
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading apostrophe, so opening a
/// bulletin never runs what a record's text smuggled in. A number stays a number: <c>-3</c> and <c>+1.5</c> are figures.
/// </summary>
public static class SpreadsheetCells
{
    private const string FormulaStarts = "=+-@\t\r";

    public static string Neutralised(string cell) =>
        cell.Length > 0 && FormulaStarts.Contains(cell[0], StringComparison.Ordinal) && !IsNumber(cell) ? "'" + cell : cell;

    private static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
}
