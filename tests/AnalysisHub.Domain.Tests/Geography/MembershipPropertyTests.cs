using System.Text;
using System.Text.Json;
using AnalysisHub.Domain.Geography;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Geography;

/// <summary>
/// Membership histories against a model that reads them day by day: a history is valid when, over a window wide
/// enough to stand for "for ever", no day has two periods, the days with a period are one unbroken run, that run
/// covers every day the footprint existed, the periods come in date order and none ends before it begins. On a
/// valid history, a day's members are those of the one period holding it, and nobody outside the footprint's life.
/// </summary>
public sealed class MembershipPropertyTests
{
    private static readonly DateOnly Origin = new(2020, 1, 1);
    // Open ends stand for days beyond anything generated.
    private const int Before = -10, After = 40;

    private sealed record Period(int? From, int? To, int Members);

    private sealed record History(int? ValidFrom, int? ValidTo, Period[] Periods)
    {
        public override string ToString() =>
            $"valid {ValidFrom?.ToString() ?? "open"}..{ValidTo?.ToString() ?? "open"}, periods " +
            string.Join(", ", Periods.Select(p => $"{p.From?.ToString() ?? "open"}..{p.To?.ToString() ?? "open"} [{string.Join(' ', MembersOf(p.Members))}]"));
    }

    // Small offsets so that periods touch, overlap and leave gaps often; members as a bit mask over three authorities.
    private static readonly Gen<int?> Day = Gen.Frequency((1, Gen.Const((int?)null)), (4, Gen.Int[0, 30].Select(d => (int?)d)));

    private static readonly Gen<History> Histories = Gen.Select(Day, Day,
            Gen.Select(Day, Day, Gen.Int[1, 7]).Select(t => new Period(t.Item1, t.Item2, t.Item3)).Array[1, 4])
        .Select(t => new History(t.Item1, t.Item2, t.Item3));

    private static readonly string[] Authorities = ["la:a", "la:b", "la:c"];

    private static string[] MembersOf(int mask) => Authorities.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

    private static string? Date(int? offset) => offset is { } d ? Origin.AddDays(d).ToString("yyyy-MM-dd") : null;

    private static GeographyRegistry? Load(History h)
    {
        var footprint = new Dictionary<string, object?>
        {
            ["id"] = "csp:x", ["kind"] = "csp", ["name"] = "X",
            ["membership"] = h.Periods.Select(p => new Dictionary<string, object?>
            {
                ["from"] = Date(p.From), ["to"] = Date(p.To), ["members"] = MembersOf(p.Members),
            }).ToList(),
        };
        if (h.ValidFrom is not null) footprint["validFrom"] = Date(h.ValidFrom);
        if (h.ValidTo is not null) footprint["validTo"] = Date(h.ValidTo);
        var file = new
        {
            footprints = Authorities.Select((id, i) => (object)new Dictionary<string, object?>
                { ["id"] = id, ["kind"] = "la", ["code"] = $"W0600000{i + 1}", ["name"] = id, ["population"] = 100 })
                .Append(footprint).ToList(),
        };
        try
        {
            return GeographyLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(file))), null, null);
        }
        catch (GeographyException)
        {
            return null;
        }
    }

    /// <summary>The model: which period (by position) holds each day of the window; null when the history is invalid.</summary>
    private static int?[]? ModelDays(History h)
    {
        var holder = new int?[After - Before + 1];
        for (var i = 0; i < h.Periods.Length; i++)
        {
            var (from, to) = (h.Periods[i].From ?? Before, h.Periods[i].To ?? After);
            if (to < from) return null; // ends before it begins
            if (i > 0 && from <= (h.Periods[i - 1].To ?? After)) return null; // out of order, or overlapping the one before
            for (var d = from; d <= to; d++)
            {
                if (holder[d - Before] is not null) return null; // two periods on one day
                holder[d - Before] = i;
            }
        }
        var held = Enumerable.Range(0, holder.Length).Where(k => holder[k] is not null).ToList();
        if (held[^1] - held[0] + 1 != held.Count) return null; // a gap
        var (lifeFrom, lifeTo) = (h.ValidFrom ?? Before, h.ValidTo ?? After);
        if (lifeTo >= lifeFrom && Enumerable.Range(lifeFrom, lifeTo - lifeFrom + 1).Any(d => holder[d - Before] is null))
            return null; // a day the footprint existed with no members
        return holder;
    }

    [Fact]
    public void A_membership_history_loads_exactly_when_the_day_by_day_model_finds_it_valid_and_then_gives_each_day_its_members()
    {
        Histories.Sample(h =>
        {
            var model = ModelDays(h);
            var lifeBackwards = h.ValidFrom is { } vf && h.ValidTo is { } vt && vt < vf;
            var registry = Load(h);
            if (model is null || lifeBackwards)
            {
                Assert.Null(registry);
                return;
            }
            Assert.NotNull(registry);
            var f = registry.Find("csp:x")!;
            for (var d = Before + 1; d < After; d++)
            {
                var day = Origin.AddDays(d);
                var alive = (h.ValidFrom is not { } from || d >= from) && (h.ValidTo is not { } to || d <= to);
                var expected = !alive || model[d - Before] is not { } p ? [] : MembersOf(h.Periods[p].Members);
                Assert.Equal(expected, f.MembersOn(day).Select(a => a.Id));
            }
            Assert.Equal(MembersOf(h.Periods[^1].Members), f.Members.Select(a => a.Id));
        }, iter: 3000);
    }
}
