namespace AnalysisHub.Cli;

/// <summary>A plain aligned table (text columns left, numbers right), readable in a terminal and in a log alike.</summary>
public static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => i < r.Count ? r[i].Length : 0))).ToArray();
        var numeric = header.Select((_, i) => all.Count > 0 && all.All(r => i < r.Count && IsNumber(r[i]))).ToArray();
        output.WriteLine(Line(header, widths, numeric));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in all) output.WriteLine(Line(row, widths, numeric));
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths, bool[] numeric) =>
        string.Join("  ", widths.Select((w, i) =>
        {
            var cell = i < cells.Count ? cells[i] : "";
            return numeric[i] ? cell.PadLeft(w) : cell.PadRight(w);
        })).TrimEnd();

    private static bool IsNumber(string cell) =>
        cell.Length > 0 && cell.TrimStart('-', '<').Length > 0 && cell.TrimStart('-', '<').All(c => char.IsDigit(c) || c is ',' or '.');
}
