using System.Globalization;

namespace AnalysisHub.Domain.Ingest;

/// <summary>
/// The alphabet of record ids: 1–128 printable characters, without leading or trailing white space. Control
/// and format characters (a zero-width space, a right-to-left override), line and paragraph separators and
/// unpaired surrogates are refused: they make ids that look alike but differ, or differ only invisibly.
/// </summary>
public static class RecordId
{
    public const int MaxLength = 128;

    /// <returns>why the id is refused, or null when it is acceptable.</returns>
    public static string? Problem(string id)
    {
        if (id.Length == 0) return "is required";
        if (id.Length > MaxLength) return $"is longer than {MaxLength} characters";
        if (char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1])) return "starts or ends with white space";
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1])) i++;
                else return "contains an unpaired surrogate";
                continue;
            }
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                    return $"contains the invisible or control character U+{(int)c:X4}";
            }
            if (char.IsWhiteSpace(c) && c != ' ') return $"contains the white-space character U+{(int)c:X4} (only spaces are allowed)";
        }
        return null;
    }
}
