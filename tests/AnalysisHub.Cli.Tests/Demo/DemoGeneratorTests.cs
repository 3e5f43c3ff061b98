using System.Text;
using System.Text.Json;
using AnalysisHub.Cli.Demo;

namespace AnalysisHub.Cli.Tests.Demo;

/// <summary>The shapes the demo promises, checked on what it generates for a fixed day (no hub needed).</summary>
public sealed class DemoGeneratorTests
{
    private static readonly DemoPlan Plan = new(Years: 2, Scale: 1, Seed: 3, Today: new DateOnly(2026, 12, 3));

    private static readonly IReadOnlyList<DemoAuthority> Authorities =
    [
        new("W06000015", "la:cardiff", 372_089), new("W06000011", "la:swansea", 238_500), new("W06000003", "la:conwy", 114_741),
    ];

    private sealed record Row(string Feed, string Id, DateTimeOffset At, string Category, string[] Flags, int Version, bool Cancelled, DateTimeOffset SentAt);

    private static readonly List<Row> Rows = new DemoGenerator(Plan, Authorities).Generate().Select(r =>
    {
        var json = JsonDocument.Parse(r.Json).RootElement;
        return new Row(r.Feed, json.GetProperty("id").GetString()!, DateTimeOffset.Parse(json.GetProperty("occurredAt").GetString()!),
            json.GetProperty("category").GetString()!,
            json.TryGetProperty("flags", out var f) ? f.EnumerateArray().Select(x => x.GetString()!).ToArray() : [],
            json.GetProperty("version").GetInt32(), json.TryGetProperty("status", out var s) && s.GetString() == "cancelled", r.SentAt);
    }).ToList();

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, London).DateTime;

    [Fact]
    public void The_same_seed_gives_the_same_records_and_another_seed_others()
    {
        var again = new DemoGenerator(Plan, Authorities).Generate();
        var other = new DemoGenerator(Plan with { Seed = 4 }, Authorities).Generate();
        Assert.Equal(Rows.Count, again.Count);
        Assert.True(again.Select(r => Encoding.UTF8.GetString(r.Json)).SequenceEqual(
            new DemoGenerator(Plan, Authorities).Generate().Select(r => Encoding.UTF8.GetString(r.Json))));
        Assert.NotEqual(Rows.Count, other.Count);
    }

    [Fact]
    public void Every_feed_is_filled_from_the_first_day_to_yesterday()
    {
        Assert.Equal(["ambulance-assaults", "calls", "crime", "ed-assaults", "incidents"], Rows.Select(r => r.Feed).Distinct().Order());
        Assert.Equal(Plan.Last, Rows.Where(r => r.Version == 1).Max(r => DateOnly.FromDateTime(Local(r.At))));
        Assert.Equal(Plan.First, Rows.Min(r => DateOnly.FromDateTime(Local(r.At))));
    }

    [Fact]
    public void No_record_falls_in_the_hour_the_clocks_skip_and_the_repeated_hour_happens_twice()
    {
        // 29 March 2026: 01:00–02:00 does not exist. 26 October 2025: 01:00–02:00 happens at +01:00 and again at +00:00.
        Assert.DoesNotContain(Rows, r => Local(r.At) is { Year: 2026, Month: 3, Day: 29, Hour: 1 });
        var repeated = Rows.Where(r => Local(r.At) is { Year: 2025, Month: 10, Day: 26, Hour: 1 }).ToList();
        Assert.Contains(repeated, r => r.At.Offset == TimeSpan.FromHours(1));
        Assert.Contains(repeated, r => r.At.Offset == TimeSpan.Zero);
    }

    [Fact]
    public void Violence_peaks_on_weekend_nights_with_alcohol_and_the_night_time_economy()
    {
        var violence = Rows.Where(r => r.Feed == "crime" && r.Version == 1 && r.Category.StartsWith("violence-with")).ToList();
        bool LateOn(Row r, params DayOfWeek[] days) => Local(r.At) is var t && t.Hour is 22 or 23 && days.Contains(t.DayOfWeek);
        var weekend = violence.Count(r => LateOn(r, DayOfWeek.Friday, DayOfWeek.Saturday));
        var midweek = violence.Count(r => LateOn(r, DayOfWeek.Tuesday, DayOfWeek.Wednesday));
        Assert.True(weekend > 2 * midweek, $"weekend {weekend}, midweek {midweek}");
        var nights = violence.Where(r => LateOn(r, DayOfWeek.Friday, DayOfWeek.Saturday)).ToList();
        Assert.True(nights.Count(r => r.Flags.Contains("alcohol")) > nights.Count / 2);
        Assert.Contains(nights, r => r.Flags.Contains("night-time-economy"));
    }

    [Fact]
    public void Summer_has_more_violence_than_winter()
    {
        int In(int month) => Rows.Count(r => r.Feed == "crime" && r.Version == 1 && Local(r.At) is { Year: 2025 } t && t.Month == month);
        Assert.True(In(7) > In(2) * 1.15, $"July {In(7)}, February {In(2)}");
    }

    [Fact]
    public void Corrections_and_cancellations_follow_their_originals_with_a_higher_version()
    {
        var originals = Rows.Where(r => r.Version == 1).ToDictionary(r => (r.Feed, r.Id));
        var revisions = Rows.Where(r => r.Version > 1).ToList();
        Assert.Contains(revisions, r => r.Cancelled);
        Assert.Contains(revisions, r => !r.Cancelled);
        foreach (var revision in revisions)
        {
            var original = originals[(revision.Feed, revision.Id)];
            Assert.True(revision.SentAt > original.SentAt);
            Assert.Equal(original.At, revision.At);
        }
        var index = Rows.Select((r, i) => (r, i)).ToDictionary(p => (p.r.Feed, p.r.Id, p.r.Version), p => p.i);
        Assert.All(revisions, r => Assert.True(index[(r.Feed, r.Id, 1)] < index[(r.Feed, r.Id, r.Version)]));
    }

    [Fact]
    public void Violent_crimes_also_reach_999_calls_ambulances_and_the_emergency_department()
    {
        var injuries = Rows.Where(r => r.Feed == "crime" && r.Category == "violence-with-injury" && r.Version == 1).ToList();
        var ed = Rows.Where(r => r.Feed == "ed-assaults").Select(r => r.At).ToHashSet();
        var linked = injuries.Count(crime => ed.Any(at => at > crime.At && at <= crime.At.AddMinutes(120)));
        Assert.True(linked > injuries.Count / 5, $"{linked} of {injuries.Count}");
    }

    [Fact]
    public void The_surge_week_holds_several_times_the_usual_violence_in_its_authority()
    {
        // The three authorities together: Cardiff's surge alone more than doubles their violence that week.
        var surge = Rows.Count(r => InWeek(r, Plan.SurgeWeekStart) && r.Feed == "crime" && Violent(r));
        var before = Enumerable.Range(3, 8).Average(w => Rows.Count(r => InWeek(r, Plan.SurgeWeekStart.AddDays(-7 * w)) && r.Feed == "crime" && Violent(r)));
        Assert.True(surge > 2 * before, $"surge week {surge}, weeks before {before:0.0} on average");
    }

    private static bool Violent(Row r) => r.Version == 1 && r.Category is "violence-with-injury" or "violence-without-injury";
    private static bool InWeek(Row r, DateOnly monday) => DateOnly.FromDateTime(Local(r.At)) is var d && d >= monday && d < monday.AddDays(7);
}
