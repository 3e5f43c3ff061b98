namespace AnalysisHub.Cli.Demo;

/// <summary>
/// Local times in Wales (Europe/London) as the source systems write them: with their offset, none in the hour the
/// clocks skip in March, and the repeated October hour occurring twice (once at +01:00, once at +00:00).
/// </summary>
public static class LondonClock
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>How many times a local hour happens that day: 0 in the spring gap, 2 in the autumn repeat, else 1.</summary>
    public static int Occurrences(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 30));
        if (London.IsInvalidTime(local)) return 0;
        return London.IsAmbiguousTime(local) ? 2 : 1;
    }

    /// <summary>The instant of a local time; <paramref name="second"/> chooses the later of a repeated hour's two occurrences.</summary>
    public static DateTimeOffset At(DateOnly day, int hour, int minute, bool second)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        if (London.IsAmbiguousTime(local))
        {
            var offsets = London.GetAmbiguousTimeOffsets(local).OrderByDescending(o => o).ToArray();
            return new DateTimeOffset(local, second ? offsets[^1] : offsets[0]);
        }
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, London).DateTime);
}
