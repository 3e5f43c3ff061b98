using System.Globalization;
using System.Text.Json;

namespace AnalysisHub.Cli.Demo;

// Implementation note: volumes are about a tenth of Wales's real ones (crime ~800 per 100,000 a year rather than
// ~8,000), so three years load in well under a minute; --scale changes that. Everything follows from the seed,
// and ids are the seed and the event's number, so running the demo again replaces its records instead of adding.

/// <summary>
/// Synthetic records for the five feeds with the shapes analysts expect: summer peaks, Friday and Saturday
/// nights (alcohol, the night-time economy), a December bump, no events in the hour the clocks skip and two
/// in the hour they repeat; violent crimes that also appear as 999 calls, ED and ambulance attendances;
/// corrections and cancellations sent days later; and one surge in the last complete week that raises an alert.
/// </summary>
public sealed class DemoGenerator(DemoPlan plan, IReadOnlyList<DemoAuthority> authorities)
{
    private static readonly Weighted<string> CrimeCategories = new(
        ("violence-with-injury", 14), ("violence-without-injury", 16), ("stalking-and-harassment", 12), ("sexual-offences", 4),
        ("homicide", 0.02), ("death-or-serious-injury-unlawful-driving", 0.1), ("robbery", 1), ("possession-of-weapons", 1),
        ("public-order", 9), ("criminal-damage-and-arson", 10), ("burglary", 6), ("vehicle-crime", 5), ("other-theft", 8),
        ("shoplifting", 7), ("bicycle-theft", 1), ("theft-from-the-person", 1), ("drugs", 3), ("other-crime", 2));
    private static readonly Weighted<string> IncidentCategories = new(
        ("asb-personal", 10), ("asb-nuisance", 25), ("asb-environmental", 8), ("concern-for-safety", 15), ("domestic-incident", 12),
        ("missing-person", 5), ("sudden-death", 2), ("collapse-illness-injury", 6), ("other-public-safety", 5),
        ("road-traffic-collision", 7), ("other-transport", 3), ("crime-related", 10));
    private static readonly Weighted<string> CallCategories = new(
        ("crime", 30), ("anti-social-behaviour", 15), ("public-safety-and-welfare", 30), ("transport", 10), ("administration", 15));
    private static readonly Weighted<string> Channels = new(("channel-999", 40), ("channel-101", 45), ("channel-online", 15));
    private static readonly Weighted<string> Means = new(
        ("means-body", 50), ("means-blunt-object", 10), ("means-knife-or-sharp", 8), ("means-glass-or-bottle", 10),
        ("means-firearm", 0.5), ("means-other", 12), ("means-unknown", 10));

    private static readonly HashSet<string> ViolenceAgainstThePerson =
        ["violence-with-injury", "violence-without-injury", "stalking-and-harassment", "homicide", "death-or-serious-injury-unlawful-driving"];

    /// <summary>Records a year per 100,000 residents, before seasonality and the hour-of-week shape.</summary>
    private static readonly (string Feed, double PerYear)[] Rates =
        [("crime", 800), ("incidents", 500), ("calls", 700), ("ed-assaults", 25), ("ambulance-assaults", 10)];

    private readonly Random _random = new(plan.Seed);
    private readonly DemoSummary _summary = new();
    private readonly List<DemoRecord> _records = [];
    private long _next;

    public DemoSummary Summary => _summary;

    /// <summary>Every record, in the order the source systems would send them.</summary>
    public List<DemoRecord> Generate()
    {
        for (var day = plan.First; day <= plan.Last; day = day.AddDays(1))
            foreach (var authority in authorities)
                foreach (var (feed, perYear) in Rates)
                {
                    var expected = perYear * authority.Population / 100_000.0 / 365.25 * plan.Scale * Season(feed, day) * DayShape(feed, day);
                    var count = Poisson(expected);
                    for (var i = 0; i < count; i++) Event(feed, authority, day);
                    if (feed == "crime" && authority.Code == DemoPlan.SurgeAuthority && InSurge(day))
                    {
                        // The surge: violence against the person only, so the other crime types stay as they were.
                        var extra = Poisson(expected * 0.4 * (DemoPlan.SurgeFactor - 1));
                        for (var i = 0; i < extra; i++) Event(feed, authority, day, surge: true);
                        _summary.SurgeExtra += extra;
                    }
                }
        _records.Sort((a, b) => a.SentAt.CompareTo(b.SentAt));
        return _records;
    }

    private bool InSurge(DateOnly day) => day >= plan.SurgeWeekStart && day < plan.SurgeWeekStart.AddDays(7);

    private void Event(string feed, DemoAuthority authority, DateOnly day, bool surge = false)
    {
        var (hour, minute, second) = Hour(feed, day);
        var at = LondonClock.At(day, hour, minute, second);
        var night = IsWeekendNight(day, hour);
        switch (feed)
        {
            case "crime":
            {
                var category = surge ? new Weighted<string>(("violence-with-injury", 5), ("violence-without-injury", 4)).Pick(_random) : CrimeCategories.Pick(_random);
                var flags = CrimeFlags(category, night, day);
                var id = Emit("crime", authority.Code, category, flags, at, version: 1);
                if (category == "violence-with-injury") Linked(authority, at, flags);
                Revise(id, "crime", authority.Code, category, flags, at, correctable: ViolenceAgainstThePerson.Contains(category));
                break;
            }
            case "incidents":
            {
                var category = IncidentCategories.Pick(_random);
                var flags = new List<string>();
                if (category.StartsWith("asb-") && night && Chance(0.4)) flags.Add("alcohol");
                if (category == "domestic-incident") flags.Add("domestic");
                var id = Emit("incidents", authority.Code, category, flags, at, version: 1);
                Revise(id, "incidents", authority.Code, category, flags, at, correctable: false);
                break;
            }
            case "calls":
                Emit("calls", authority.Code, CallCategories.Pick(_random), [Channels.Pick(_random)], at, version: 1);
                break;
            case "ed-assaults":
                Emit("ed-assaults", authority.Code, Means.Pick(_random), EdFlags(night), at, version: 1);
                break;
            case "ambulance-assaults":
                Emit("ambulance-assaults", authority.Code, "assault", night && Chance(0.5) ? ["alcohol"] : [], at, version: 1);
                break;
        }
    }

    /// <summary>The same assault seen by other services: a 999 call before it, and often an ambulance and an ED attendance after.</summary>
    private void Linked(DemoAuthority authority, DateTimeOffset at, List<string> flags)
    {
        if (Chance(0.6)) Emit("calls", authority.Code, "crime", ["channel-999"], at.AddMinutes(-_random.Next(2, 11)), version: 1, linked: true);
        if (Chance(0.2)) Emit("ambulance-assaults", authority.Code, "assault", flags.Contains("alcohol") ? ["alcohol"] : [], at.AddMinutes(_random.Next(5, 26)), version: 1, linked: true);
        if (Chance(0.35)) Emit("ed-assaults", authority.Code, Means.Pick(_random), flags.Where(f => f is "alcohol" or "night-time-economy" or "domestic").ToList(),
            at.AddMinutes(_random.Next(30, 121)), version: 1, linked: true);
    }

    /// <summary>Some records are corrected (a violence crime reclassified) or withdrawn, days after they were first sent.</summary>
    private void Revise(string id, string feed, string area, string category, List<string> flags, DateTimeOffset at, bool correctable)
    {
        var later = at.AddDays(_random.Next(1, 21)).AddHours(_random.Next(0, 24));
        if (Chance(feed == "crime" ? 0.01 : 0.005))
        {
            Write(feed, id, area, category, flags, at, version: 2, cancelled: true, sentAt: later);
            _summary.Cancellations++;
        }
        else if (correctable && Chance(0.04))
        {
            var corrected = category == "violence-without-injury" ? "violence-with-injury" : "violence-without-injury";
            Write(feed, id, area, corrected, flags, at, version: 2, cancelled: false, sentAt: later);
            _summary.Corrections++;
        }
    }

    private string Emit(string feed, string area, string category, List<string> flags, DateTimeOffset at, int version, bool linked = false)
    {
        var id = $"demo-{plan.Seed}-{feed}-{_next++}";
        Write(feed, id, area, category, flags, at, version, cancelled: false, sentAt: at);
        _summary.Count(feed);
        if (linked) _summary.LinkedToPolice++;
        return id;
    }

    private void Write(string feed, string id, string area, string category, List<string> flags, DateTimeOffset at, int version, bool cancelled, DateTimeOffset sentAt)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("occurredAt", at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            json.WriteString("area", area);
            json.WriteString("category", category);
            if (flags.Count > 0)
            {
                json.WriteStartArray("flags");
                foreach (var flag in flags.Distinct()) json.WriteStringValue(flag);
                json.WriteEndArray();
            }
            json.WriteNumber("version", version);
            if (cancelled) json.WriteString("status", "cancelled");
            json.WriteEndObject();
        }
        // A revision due after the last generated day is sent at the end, with the rest.
        _records.Add(new DemoRecord(feed, buffer.ToArray(), sentAt));
    }

    private List<string> CrimeFlags(string category, bool night, DateOnly day)
    {
        var flags = new List<string>();
        if (!ViolenceAgainstThePerson.Contains(category) && category != "public-order") return flags;
        var december = day.Month == 12 && day.Day >= 10;
        if (night)
        {
            if (Chance(0.6)) flags.Add("alcohol");
            if (Chance(december ? 0.65 : 0.5)) flags.Add("night-time-economy");
            flags.Add(Chance(0.4) ? "location-licensed-premises" : "location-street");
        }
        else if (Chance(0.35))
        {
            flags.Add("domestic");
            flags.Add("location-home");
        }
        if (Chance(0.25)) flags.Add("under-25");
        if (Chance(0.03)) flags.Add("knife");
        return flags;
    }

    private List<string> EdFlags(bool night)
    {
        var flags = new List<string>();
        if (night && Chance(0.55)) flags.Add("alcohol");
        if (night && Chance(0.4)) flags.Add("night-time-economy");
        if (Chance(0.3)) flags.Add("under-25");
        return flags;
    }

    /// <summary>Summer peaks for violence and disorder; a December bump for the night-time economy; calls follow gently.</summary>
    private static double Season(string feed, DateOnly day)
    {
        var amplitude = feed switch { "calls" => 0.08, "ed-assaults" or "ambulance-assaults" => 0.15, _ => 0.18 };
        var factor = 1 + amplitude * Math.Cos(2 * Math.PI * (day.DayOfYear - 196) / 365.25);
        if (feed != "calls" && day.Month == 12 && day.Day is >= 10 and <= 31) factor *= 1.15;
        return factor;
    }

    /// <summary>The day's share of a week's events: Saturday and Sunday carry the small hours of the weekend nights.</summary>
    private static double DayShape(string feed, DateOnly day) =>
        Enumerable.Range(0, 24).Sum(h => HourWeight(feed, day, h) * LondonClock.Occurrences(day, h)) / AverageDayWeight(feed);

    private static double AverageDayWeight(string feed)
    {
        var monday = new DateOnly(2024, 1, 1);
        return Enumerable.Range(0, 7).Average(d => Enumerable.Range(0, 24).Sum(h => HourWeight(feed, monday.AddDays(d), h)));
    }

    private (int Hour, int Minute, bool Second) Hour(string feed, DateOnly day)
    {
        var weights = Enumerable.Range(0, 24).Select(h => HourWeight(feed, day, h) * LondonClock.Occurrences(day, h)).ToArray();
        var x = _random.NextDouble() * weights.Sum();
        var hour = 0;
        while (hour < 23 && (x -= weights[hour]) > 0) hour++;
        return (hour, _random.Next(60), LondonClock.Occurrences(day, hour) == 2 && Chance(0.5));
    }

    /// <summary>Quiet small hours and a daytime rise for most feeds; violence and assaults peak late on Friday and Saturday nights.</summary>
    private static double HourWeight(string feed, DateOnly day, int hour)
    {
        var daytime = hour switch { < 6 => 0.3, < 9 => 0.8, < 17 => 1.2, < 22 => 1.4, _ => 0.9 };
        if (feed is "calls" or "incidents") return daytime;
        var night = IsWeekendNight(day, hour);
        var late = hour is >= 22 or < 4;
        return (late ? 1.1 : daytime * 0.8) * (night ? 3.0 : 1.0);
    }

    /// <summary>Friday and Saturday nights: 20:00 to 04:00 the next morning.</summary>
    private static bool IsWeekendNight(DateOnly day, int hour) =>
        (hour >= 20 && day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday) ||
        (hour < 4 && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

    private bool Chance(double p) => _random.NextDouble() < p;

    private int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Normal()));
        var limit = Math.Exp(-lambda);
        var k = 0;
        for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble()) k++;
        return k;
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
