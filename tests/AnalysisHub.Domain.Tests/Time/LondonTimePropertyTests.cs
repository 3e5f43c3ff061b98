using AnalysisHub.Domain.Time;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Time;

/// <summary>
/// London civil time against an independent model: the BCL's TimeZoneInfo over the host's tz database, read
/// with the rules the reference gives (a skipped time does not exist; a repeated one is its first, summer-time
/// occurrence). Instants and wall-clock times are drawn from 1900 to 2100, weighted towards the clock changes.
/// </summary>
public sealed class LondonTimePropertyTests
{
    private static readonly TimeZoneInfo Model = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly long First = new DateTime(1900, 1, 1).Ticks, Last = new DateTime(2100, 1, 1).Ticks;

    /// <summary>Any moment, or one within two hours of 01:00 UTC on a late-March or late-October Sunday.</summary>
    private static readonly Gen<DateTime> Moments = Gen.Frequency(
        (1, Gen.Long[First, Last].Select(t => new DateTime(t))),
        (2, Gen.Select(Gen.Int[1900, 2099], Gen.Bool, Gen.Int[25, 31], Gen.Int[-120, 120], Gen.Int[0, 59])
            .Select(t => new DateTime(t.Item1, t.Item2 ? 3 : 10, t.Item3, 1, 0, 0).AddMinutes(t.Item4).AddSeconds(t.Item5))));

    [Fact]
    public void An_instant_reads_as_the_models_London_wall_clock_time()
    {
        Moments.Sample(utc =>
        {
            var instant = new DateTimeOffset(utc, TimeSpan.Zero);
            Assert.Equal(TimeZoneInfo.ConvertTime(instant, Model).DateTime, LondonTime.ToLocal(instant));
        }, iter: 5000);
    }

    [Fact]
    public void A_wall_clock_time_reads_as_the_models_instant_skipped_times_refused_repeated_ones_first()
    {
        Moments.Sample(local =>
        {
            var found = LondonTime.TryFromLocal(local, out var instant);
            if (Model.IsInvalidTime(local))
            {
                Assert.False(found, $"{local:O} is skipped by the clocks");
                return;
            }
            var offset = Model.IsAmbiguousTime(local) ? Model.GetAmbiguousTimeOffsets(local).Max() : Model.GetUtcOffset(local);
            Assert.True(found, $"{local:O} exists");
            Assert.Equal(new DateTimeOffset(local, offset), instant);
            Assert.Equal(offset, instant.Offset);
        }, iter: 5000);
    }
}
