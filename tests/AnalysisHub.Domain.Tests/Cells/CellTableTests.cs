using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Tests.Support;
using static AnalysisHub.Domain.Tests.Support.Dates;

namespace AnalysisHub.Domain.Tests.Cells;

public class CellTableTests
{
    private static readonly int Crime = Reference.Feed("crime").Index;
    private static readonly int Incidents = Reference.Feed("incidents").Index;

    private static int Cat(string slug) => Reference.CategoryIndex("crime", slug);

    private static IReadOnlyList<int> Subtree(string slug) => Reference.Feed("crime").FindCategory(slug)!.SelfAndDescendants;

    private static CellKey Day(string category, string day, uint flags = 0) => CellKey.ForDay(Crime, Cat(category), flags, D(day));

    private static long[] SumDays(CellTable table, IReadOnlyList<int> categories, uint flags, string from, string to)
    {
        var perDay = new long[D(to).DayNumber - D(from).DayNumber + 1];
        table.SumDays(Crime, categories, flags, D(from), D(to), perDay);
        return perDay;
    }

    [Theory]
    [InlineData(CellKind.Day, 0, 0, 0u, 739432, 0)]
    [InlineData(CellKind.Month, 4, 19, 0xFFFFFFFFu, 24306, 0)]
    [InlineData(CellKind.HourOfWeek, 255, 65535, 0x10001u, 24306, 167)]
    public void Cell_key_keeps_every_part(CellKind kind, int feed, int category, uint flags, int time, int slot)
    {
        var key = new CellKey(kind, feed, category, flags, time, slot);

        Assert.Equal((kind, feed, category, flags, time, slot), (key.Kind, key.Feed, key.Category, key.Flags, key.Time, key.Slot));
        Assert.Equal(key, CellKey.FromPacked(key.Packed, key.Flags));
    }

    [Fact]
    public void Keys_differing_only_in_flags_are_different_cells()
    {
        Assert.NotEqual(Day("robbery", "2025-07-01", 1), Day("robbery", "2025-07-01", 2));
        Assert.Equal(Day("robbery", "2025-07-01", 1), Day("robbery", "2025-07-01", 1));
        Assert.Equal(Day("robbery", "2025-07-01", 1).Series, Day("robbery", "2025-07-31", 1).Series);
    }

    [Fact]
    public void Add_returns_the_new_value_and_the_indexer_reads_it()
    {
        var table = new CellTable();
        var key = Day("robbery", "2025-07-01");

        Assert.Equal(0, table[key]);
        Assert.Equal(1, table.Add(key, 1));
        Assert.Equal(3, table.Add(key, 2));
        Assert.Equal(3, table[key]);
        Assert.Equal(0, table[Day("robbery", "2025-07-02")]);
        Assert.Equal(0, table[Day("burglary", "2025-07-01")]);
        Assert.Equal(0, table[Day("robbery", "2025-07-01", flags: 1)]);
    }

    [Fact]
    public void Count_is_the_number_of_non_zero_cells()
    {
        var table = new CellTable();
        var a = Day("robbery", "2025-07-01");
        var b = CellKey.ForMonth(Crime, Cat("robbery"), 0, MonthIndex.Of(D("2025-07-01")));
        var c = CellKey.ForHourOfWeek(Crime, Cat("robbery"), 0, MonthIndex.Of(D("2025-07-01")), 167);

        table.Add(a, 2);
        table.Add(b, 1);
        table.Add(c, 5);
        Assert.Equal(3, table.Count);

        table.Add(a, 1);
        Assert.Equal(3, table.Count);
        table.Add(a, 0);
        Assert.Equal(3, table.Count);

        Assert.Equal(0, table.Add(a, -3));
        Assert.Equal(2, table.Count);
        table.Add(a, 1);
        Assert.Equal(3, table.Count);

        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.Equal(0, table[c]);
        Assert.Empty(table.NonZeroCells());
    }

    [Fact]
    public void Non_zero_cells_round_trip_every_kind_of_cell()
    {
        var table = new CellTable();
        var month = MonthIndex.Of(D("2024-02-01"));
        var expected = new Dictionary<CellKey, long>
        {
            [Day("robbery", "2025-07-01")] = 1,
            [Day("robbery", "2025-07-31")] = 4,
            [Day("robbery", "2024-02-29", flags: 3)] = 2,
            [Day("violence-with-injury", "2025-12-31", flags: 1u << 16)] = 7,
            [CellKey.ForDay(Incidents, 2, 0, D("2025-01-01"))] = 9,
            [CellKey.ForMonth(Crime, Cat("burglary"), 0, month)] = 11,
            [CellKey.ForHourOfWeek(Crime, Cat("burglary"), 5, month, 0)] = 1,
            [CellKey.ForHourOfWeek(Crime, Cat("burglary"), 5, month, 167)] = 2,
        };
        foreach (var (key, value) in expected) table.Add(key, value);
        table.Add(Day("robbery", "2025-07-02"), 1);
        table.Add(Day("robbery", "2025-07-02"), -1); // back to zero: not listed

        var cells = table.NonZeroCells().ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal(expected.Count, table.Count);
        Assert.Equal(expected.OrderBy(kv => kv.Key.Packed).ThenBy(kv => kv.Key.Flags),
            cells.OrderBy(kv => kv.Key.Packed).ThenBy(kv => kv.Key.Flags));
    }

    [Fact]
    public void Codec_round_trips_cells_and_values()
    {
        var cells = new List<KeyValuePair<CellKey, long>>
        {
            new(Day("robbery", "2025-07-01", 0b101), 3),
            new(CellKey.ForMonth(Crime, Cat("burglary"), uint.MaxValue, MonthIndex.Of(D("2025-07-01"))), -2),
            new(CellKey.ForHourOfWeek(Incidents, 14, 0, MonthIndex.Of(D("2025-07-01")), 167), long.MaxValue),
        };

        var bytes = CellCodec.Encode(cells);

        Assert.Equal(cells.Count * CellCodec.EntrySize, bytes.Length);
        Assert.Equal(cells, CellCodec.Decode(bytes));
    }

    [Fact]
    public void Codec_round_trips_a_table()
    {
        var table = new CellTable();
        table.Add(Day("robbery", "2025-07-01"), 2);
        table.Add(Day("sexual-offences", "2025-08-15", 1), 1);

        var copy = new CellTable();
        foreach (var (key, value) in CellCodec.Decode(CellCodec.Encode(table.NonZeroCells().ToList())))
            copy.Add(key, value);

        Assert.Equal(2, copy.Count);
        Assert.Equal(2, copy[Day("robbery", "2025-07-01")]);
        Assert.Equal(1, copy[Day("sexual-offences", "2025-08-15", 1)]);
        Assert.Empty(CellCodec.Decode(CellCodec.Encode([])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(19)]
    [InlineData(21)]
    public void Codec_rejects_a_partial_entry(int length)
    {
        Assert.Throws<FormatException>(() => CellCodec.Decode(new byte[length]).ToList());
    }

    [Fact]
    public void Sum_days_over_a_category_counts_its_whole_subtree()
    {
        var table = new CellTable();
        table.Add(Day("violence-with-injury", "2025-07-01"), 1);
        table.Add(Day("sexual-offences", "2025-07-01"), 2);
        table.Add(Day("violence-and-sexual-offences", "2025-07-02"), 4); // a record on the parent itself
        table.Add(Day("homicide", "2025-07-03"), 8);
        table.Add(Day("robbery", "2025-07-01"), 100);
        table.Add(CellKey.ForDay(Incidents, Cat("violence-with-injury"), 0, D("2025-07-01")), 1000); // another feed

        Assert.Equal([3, 4, 8], SumDays(table, Subtree("violence-and-sexual-offences"), 0, "2025-07-01", "2025-07-03"));
        Assert.Equal([1, 0, 8], SumDays(table, Subtree("violence-against-the-person"), 0, "2025-07-01", "2025-07-03"));
        Assert.Equal([100, 0, 0], SumDays(table, Subtree("robbery"), 0, "2025-07-01", "2025-07-03"));
    }

    [Fact]
    public void Sum_days_counts_a_record_only_when_it_has_every_required_flag()
    {
        var domestic = Reference.FlagMask("domestic");
        var alcohol = Reference.FlagMask("alcohol");
        var table = new CellTable();
        table.Add(Day("robbery", "2025-07-01", domestic | alcohol), 1);
        table.Add(Day("robbery", "2025-07-01", alcohol), 10);
        table.Add(Day("robbery", "2025-07-01", domestic), 100);
        table.Add(Day("robbery", "2025-07-01"), 1000);

        Assert.Equal([101], SumDays(table, Subtree("robbery"), domestic, "2025-07-01", "2025-07-01"));
        Assert.Equal([11], SumDays(table, Subtree("robbery"), alcohol, "2025-07-01", "2025-07-01"));
        Assert.Equal([1], SumDays(table, Subtree("robbery"), domestic | alcohol, "2025-07-01", "2025-07-01"));
        Assert.Equal([1111], SumDays(table, Subtree("robbery"), 0, "2025-07-01", "2025-07-01"));
        Assert.Equal([0], SumDays(table, Subtree("robbery"), Reference.FlagMask("hate"), "2025-07-01", "2025-07-01"));
    }

    [Fact]
    public void Sum_days_spans_months_and_leaves_out_days_outside_the_range()
    {
        var table = new CellTable();
        foreach (var day in new[] { "2025-06-28", "2025-06-29", "2025-06-30", "2025-07-01", "2025-07-02", "2025-07-03" })
            table.Add(Day("robbery", day), D(day).Day);

        Assert.Equal([29, 30, 1, 2], SumDays(table, Subtree("robbery"), 0, "2025-06-29", "2025-07-02"));
        Assert.Equal([0, 0], SumDays(table, Subtree("robbery"), 0, "2025-05-30", "2025-05-31"));
    }

    [Fact]
    public void Sum_days_adds_into_the_buffer_given()
    {
        var table = new CellTable();
        table.Add(Day("robbery", "2025-07-01"), 2);
        var perDay = new long[] { 5, 5 };

        table.SumDays(Crime, Subtree("robbery"), 0, D("2025-07-01"), D("2025-07-02"), perDay);

        Assert.Equal([7, 5], perDay);
    }

    [Fact]
    public void Sum_days_ignores_month_and_hour_of_week_cells()
    {
        var table = new CellTable();
        var july = MonthIndex.Of(D("2025-07-01"));
        table.Add(CellKey.ForMonth(Crime, Cat("robbery"), 0, july), 5);
        table.Add(CellKey.ForHourOfWeek(Crime, Cat("robbery"), 0, july, 24), 7);

        Assert.All(SumDays(table, Subtree("robbery"), 0, "2025-07-01", "2025-07-31"), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Sum_months_and_hour_of_week_read_their_own_cells()
    {
        var table = new CellTable();
        int june = MonthIndex.Of(D("2025-06-01")), july = june + 1;
        table.Add(CellKey.ForMonth(Crime, Cat("robbery"), 1, june), 3);
        table.Add(CellKey.ForMonth(Crime, Cat("burglary"), 1, july), 4);
        table.Add(CellKey.ForHourOfWeek(Crime, Cat("robbery"), 1, june, 0), 1);
        table.Add(CellKey.ForHourOfWeek(Crime, Cat("robbery"), 1, july, 0), 2);
        table.Add(CellKey.ForHourOfWeek(Crime, Cat("robbery"), 1, july, 167), 5);
        table.Add(Day("robbery", "2025-07-01", 1), 100);

        var perMonth = new long[2];
        table.SumMonths(Crime, [Cat("robbery"), Cat("burglary")], 1, june, july, perMonth);
        Assert.Equal([3, 4], perMonth);

        var perSlot = new long[168];
        table.SumHourOfWeek(Crime, [Cat("robbery")], 0, june, july, perSlot);
        Assert.Equal(3, perSlot[0]);
        Assert.Equal(5, perSlot[167]);
        Assert.Equal(8, perSlot.Sum());
    }

    [Theory]
    [InlineData("2025-07-15", 2025 * 12 + 6)]
    [InlineData("2025-01-01", 2025 * 12)]
    [InlineData("2024-12-31", 2024 * 12 + 11)]
    public void Month_index_numbers_months_consecutively(string day, int index)
    {
        Assert.Equal(index, MonthIndex.Of(D(day)));
        Assert.Equal(new DateOnly(D(day).Year, D(day).Month, 1), MonthIndex.FirstDay(index));
        Assert.Equal(D(day).AddDays(1 - D(day).Day).AddMonths(1).AddDays(-1), MonthIndex.LastDay(index));
    }
}
