using System.Text;
using System.Text.Json;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Rollups;

/// <summary>
/// As-was series against a model that walks the records themselves: a record known to its day counts in a
/// period when the footprint existed that day and the record's authority was a member that day; a record known
/// only to its month counts when the whole month lies in the range, the granularity counts such records, and its
/// authority was a member on the month's first day (the footprint existing then). The series under test is made
/// the way the server makes it: day and month series of each authority (or of the rollup), read back into counts.
/// </summary>
public sealed class AsWasSeriesPropertyTests
{
    private static readonly DateOnly Origin = new(2019, 1, 1);
    private static readonly string[] Ids = ["la:a", "la:b", "la:c"];

    private sealed record Record(int Authority, int Day, bool MonthOnly);

    private sealed record Case(int[] Cuts, int[] Masks, int? ValidFrom, int? ValidTo, Record[] Records, int From, int Length, Granularity Granularity)
    {
        public override string ToString() =>
            $"cuts [{string.Join(',', Cuts)}] members [{string.Join(',', Masks)}] valid {ValidFrom}..{ValidTo} range {From}+{Length} {Granularity}; " +
            string.Join(' ', Records.Select(r => $"{Ids[r.Authority]}@{r.Day}{(r.MonthOnly ? "m" : "")}"));
    }

    // About four months of days, so that periods, ranges and lives begin and end inside months and across them.
    private static readonly Gen<Case> Cases = Gen.Select(
            Gen.Int[1, 119].Array[0, 3].Select(c => c.Distinct().Order().ToArray()),
            Gen.Int[1, 7].Array[4],
            Gen.Frequency((1, Gen.Const((int?)null)), (2, Gen.Int[0, 60].Select(d => (int?)d))),
            Gen.Frequency((1, Gen.Const((int?)null)), (2, Gen.Int[60, 119].Select(d => (int?)d))),
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 119], Gen.Int[0, 4].Select(k => k == 0)).Select(t => new Record(t.Item1, t.Item2, t.Item3)).Array[0, 40],
            Gen.Int[0, 100], Gen.Int[1, 119],
            Gen.OneOf(Gen.Const(Granularity.Day), Gen.Const(Granularity.Week), Gen.Const(Granularity.Month), Gen.Const(Granularity.Quarter)))
        .Select(t => new Case(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Rest.Item1));

    private static string Date(int offset) => Origin.AddDays(offset).ToString("yyyy-MM-dd");

    private static string[] Members(int mask) => Ids.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

    private static Footprint FootprintOf(Case c)
    {
        var periods = new List<Dictionary<string, object?>>();
        for (var i = 0; i <= c.Cuts.Length; i++)
            periods.Add(new()
            {
                ["from"] = i == 0 ? null : Date(c.Cuts[i - 1]),
                ["to"] = i == c.Cuts.Length ? null : Date(c.Cuts[i] - 1),
                ["members"] = Members(c.Masks[i]),
            });
        var footprint = new Dictionary<string, object?> { ["id"] = "csp:x", ["kind"] = "csp", ["name"] = "X", ["membership"] = periods };
        if (c.ValidFrom is { } vf) footprint["validFrom"] = Date(vf);
        if (c.ValidTo is { } vt) footprint["validTo"] = Date(vt);
        var file = new
        {
            footprints = Ids.Select((id, i) => (object)new Dictionary<string, object?>
                    { ["id"] = id, ["kind"] = "la", ["code"] = $"W0600000{i + 1}", ["name"] = id, ["population"] = 100 })
                .Append(footprint).ToList(),
        };
        return GeographyLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(file))), null, null).Find("csp:x")!;
    }

    private static DayCounts CountsOf(CellTable cells, SeriesQuery query)
    {
        var around = DayCounts.MonthsAround(query.Range);
        return DayCounts.From(SeriesCalculator.Calculate(cells, query with { Range = around, Granularity = Granularity.Day }),
            SeriesCalculator.Calculate(cells, query with { Range = around, Granularity = Granularity.Month }));
    }

    [Fact]
    public void An_as_was_series_counts_each_record_with_the_membership_of_its_day_or_of_its_months_first_day()
    {
        Cases.Sample(c =>
        {
            var footprint = FootprintOf(c);
            var query = new SeriesQuery(0, [0], 0, new DateRange(Origin.AddDays(c.From), Origin.AddDays(c.From + c.Length - 1)), c.Granularity);
            var tables = Ids.Select(_ => new CellTable()).ToArray();
            var all = new CellTable();
            foreach (var r in c.Records)
            {
                var day = Origin.AddDays(r.Day);
                var key = r.MonthOnly ? CellKey.ForMonth(0, 0, 0, MonthIndex.Of(day)) : CellKey.ForDay(0, 0, 0, day);
                tables[r.Authority].Add(key, 1);
                if (footprint.Members.Any(a => a.Id == Ids[r.Authority])) all.Add(key, 1);
            }
            var byAuthority = footprint.Membership.SelectMany(p => p.Members).Distinct()
                .ToDictionary(a => a, a => CountsOf(tables[Array.IndexOf(Ids, a.Id)], query));
            var sources = AsWasSeries.SourcesFor(footprint);
            var actual = AsWasSeries.Calculate(footprint, query, sources is null ? CountsOf(all, query) : null, byAuthority);

            // The model.
            bool Member(int authority, DateOnly day) => footprint.MembersOn(day).Any(a => a.Id == Ids[authority]);
            var expected = Period.Covering(query.Range.From, query.Range.To, c.Granularity).Select(p => c.Records.Count(r =>
            {
                var day = Origin.AddDays(r.Day);
                if (!r.MonthOnly) return day >= p.Start && day <= p.End && query.Range.Contains(day) && Member(r.Authority, day);
                var (first, last) = (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1));
                return c.Granularity.CountsMonthPrecision() && first >= p.Start && last <= p.End
                       && first >= query.Range.From && last <= query.Range.To && Member(r.Authority, first);
            })).ToList();

            Assert.Equal(expected, actual.Points.Select(p => (int)p.Count));
            Assert.Equal(expected.Sum(), actual.Total);
        }, iter: 2000);
    }
}
