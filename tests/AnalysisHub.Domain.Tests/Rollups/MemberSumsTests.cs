using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Rollups;

/// <summary>
/// A footprint answered by its members: the sum of the members' series is the series of one table holding all
/// their records, and the merged extents are those of that table — so a footprint with no rollup of its own answers
/// exactly as one with a rollup would.
/// </summary>
public sealed class MemberSumsTests
{
    private static readonly DateOnly Origin = new(2024, 1, 1);

    private sealed record Entry(int Member, int Feed, int Day, bool MonthOnly);

    private static readonly Gen<Entry[]> Entries = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1], Gen.Int[0, 200], Gen.Int[0, 4].Select(k => k == 0))
        .Select(t => new Entry(t.Item1, t.Item2, t.Item3, t.Item4)).Array[0, 50];

    private static CellKey Key(Entry e) => e.MonthOnly
        ? CellKey.ForMonth(e.Feed, 0, 0, MonthIndex.Of(Origin.AddDays(e.Day)))
        : CellKey.ForDay(e.Feed, 0, 0, Origin.AddDays(e.Day));

    [Fact]
    public void The_sum_of_the_members_answers_is_the_answer_of_all_their_records_together()
    {
        Gen.Select(Entries, Gen.Int[0, 150], Gen.Int[1, 150], Gen.OneOf(Gen.Const(Granularity.Day), Gen.Const(Granularity.Week), Gen.Const(Granularity.Month)))
            .Sample((entries, from, length, granularity) =>
            {
                var members = Enumerable.Range(0, 4).Select(_ => new CellTable()).ToArray();
                var together = new CellTable();
                foreach (var e in entries)
                {
                    members[e.Member].Add(Key(e), 1);
                    together.Add(Key(e), 1);
                }
                var query = new SeriesQuery(0, [0], 0, new DateRange(Origin.AddDays(from), Origin.AddDays(from + length - 1)), granularity);

                var summed = MemberSums.Series(members.Select(m => SeriesCalculator.Calculate(m, query)).ToList());
                var expected = SeriesCalculator.Calculate(together, query);

                Assert.Equal(expected.Points, summed.Points);
                Assert.Equal(expected.Total, summed.Total);
                Assert.Equal(expected.ExcludedMonthPrecision, summed.ExcludedMonthPrecision);
                Assert.Equal(together.Extents(), MemberSums.Extents(members.Select(m => m.Extents())));
            });
    }
}
