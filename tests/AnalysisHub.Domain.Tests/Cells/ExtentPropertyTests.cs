using AnalysisHub.Domain.Cells;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Cells;

/// <summary>
/// A table's extents against a model that keeps every cell's count and, per feed, takes the least and greatest
/// day of a non-zero day cell and the first and last day of a non-zero month cell (hour-of-week cells, which
/// repeat the day cells' records, do not count). Additions and the removals that cancel them come in any order.
/// </summary>
public sealed class ExtentPropertyTests
{
    private static readonly DateOnly Origin = new(2023, 1, 1);

    private sealed record Change(CellKind Kind, int Feed, int Category, uint Flags, int Offset, int Slot, long Delta)
    {
        public CellKey Key => Kind switch
        {
            CellKind.Day => CellKey.ForDay(Feed, Category, Flags, Origin.AddDays(Offset)),
            CellKind.Month => CellKey.ForMonth(Feed, Category, Flags, MonthIndex.Of(Origin) + Offset / 30),
            _ => CellKey.ForHourOfWeek(Feed, 0, 0, MonthIndex.Of(Origin) + Offset / 30, Slot),
        };
    }

    // Few feeds, categories and days, so that cells collide, go back to zero and reappear.
    private static readonly Gen<Change> Changes = Gen.Select(
        Gen.Int[0, 9].Select(k => k < 6 ? CellKind.Day : k < 8 ? CellKind.Month : CellKind.HourOfWeek),
        Gen.Int[0, 2], Gen.Int[0, 3], Gen.OneOf(0u, 1u, 5u), Gen.Int[0, 720], Gen.Int[0, 167], Gen.OneOf(1L, 1L, 2L))
        .Select(t => new Change(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7));

    /// <summary>
    /// A history: records counted, then some of them taken off again (a cancellation or a correction moving a
    /// record elsewhere), all shuffled together. Only what was added is ever taken off, so no cell ends below zero.
    /// </summary>
    private static readonly Gen<Change[]> Histories =
        Gen.Select(Changes.Array[0, 60], Gen.Bool.Array[60], Gen.Int)
           .Select(t =>
           {
               var undone = t.Item1.Where((_, i) => t.Item2[i]).Select(c => c with { Delta = -c.Delta });
               var all = t.Item1.Concat(undone).ToArray();
               new Random(t.Item3).Shuffle(all);
               return all;
           });

    [Fact]
    public void Extents_are_the_first_and_last_day_of_the_non_zero_day_and_month_cells_per_feed()
    {
        Histories.Sample(history =>
        {
            var table = new CellTable();
            var model = new Dictionary<CellKey, long>();
            foreach (var change in history)
            {
                table.Add(change.Key, change.Delta);
                model[change.Key] = model.GetValueOrDefault(change.Key) + change.Delta;
            }

            var expected = model.Where(c => c.Value != 0 && c.Key.Kind != CellKind.HourOfWeek)
                .Select(c => c.Key.Kind == CellKind.Day
                    ? (c.Key.Feed, First: DateOnly.FromDayNumber(c.Key.Time), Last: DateOnly.FromDayNumber(c.Key.Time))
                    : (c.Key.Feed, First: MonthIndex.FirstDay(c.Key.Time), Last: MonthIndex.LastDay(c.Key.Time)))
                .GroupBy(c => c.Feed)
                .OrderBy(g => g.Key)
                .Select(g => new FeedExtent(g.Key, g.Min(c => c.First), g.Max(c => c.Last)))
                .ToList();
            Assert.Equal(expected, table.Extents());
        }, iter: 1000, print: h => string.Join("; ", h.Select(c => $"{c.Kind} f{c.Feed} c{c.Category} fl{c.Flags} +{c.Offset} {c.Delta:+0;-0}")));
    }

    [Fact]
    public void An_empty_table_and_one_whose_counts_all_cancelled_have_no_extent()
    {
        var table = new CellTable();
        Assert.Empty(table.Extents());
        var key = CellKey.ForDay(0, 1, 0, new DateOnly(2025, 7, 1));
        table.Add(key, 2);
        table.Add(key, -2);
        Assert.Empty(table.Extents());
    }
}
