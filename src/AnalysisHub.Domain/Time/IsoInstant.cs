namespace AnalysisHub.Domain.Time;

/// <summary>
/// A fast reader for the form feeds send almost always — <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)</c> —
/// so a 200,000-row batch does not pay for general-purpose multi-format parsing on every row. Anything else
/// (or anything odd) returns false and goes to the general parser, which decides.
/// </summary>
public static class IsoInstant
{
    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        var s = text.AsSpan();
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day) ||
            !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        var i = 19;
        long ticks = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            var digits = i - start;
            if (digits is 0 or > 7) return false;
            Digits(s, start, digits, out var fraction);
            ticks = fraction * Pow10(7 - digits);
        }
        TimeSpan offset;
        if (i == s.Length - 1 && s[i] is 'Z' or 'z') offset = TimeSpan.Zero;
        else if (i == s.Length - 6 && s[i] is '+' or '-' && s[i + 3] == ':' &&
                 Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om) && oh <= 14 && om < 60)
            offset = new TimeSpan(s[i] == '-' ? -oh : oh, s[i] == '-' ? -om : om, 0);
        else return false;
        // Years 1 and 9999 are left to the general parser: an offset can carry them outside DateTimeOffset's range.
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || year is < 2 or > 9998 ||
            hour > 23 || minute > 59 || second > 59) return false;
        instant = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int length, out int value)
    {
        value = 0;
        for (var k = start; k < start + length; k++)
        {
            if (!char.IsAsciiDigit(s[k])) return false;
            value = value * 10 + (s[k] - '0');
        }
        return true;
    }

    private static long Pow10(int n)
    {
        long r = 1;
        while (n-- > 0) r *= 10;
        return r;
    }
}
