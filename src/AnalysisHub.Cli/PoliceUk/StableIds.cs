using System.Security.Cryptography;
using System.Text;

namespace AnalysisHub.Cli.PoliceUk;

// Implementation note: a row without a Crime ID (every anti-social-behaviour row) has nothing of its own to be
// known by, and a file may hold several identical rows (15 of one street, type and month in the sample). Its id
// is the hash of its content plus its position among the identical rows of its file, so a re-import of the same
// file gives every row the id it had, and two identical rows stay two records.

/// <summary>Ids for street rows: the Crime ID when there is one, otherwise one derived from the row.</summary>
public sealed class StableIds
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>The next row's id; call once per row, in file order, with a fresh instance per file.</summary>
    public string Next(string crimeId, IEnumerable<string> canonicalRow)
    {
        if (crimeId.Length > 0) return crimeId;
        var content = string.Join('\u001f', canonicalRow);
        var occurrence = _seen.TryGetValue(content, out var n) ? n : 0;
        _seen[content] = occurrence + 1;
        return Derived(content, occurrence);
    }

    public static string Derived(string content, int occurrence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(content));
        return $"puk-{Convert.ToHexStringLower(hash.AsSpan(0, 16))}-{occurrence}";
    }
}
