using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Tests.Support;
using static AnalysisHub.Domain.Tests.Support.Dates;

namespace AnalysisHub.Domain.Tests.Records;

public class LedgerRulesTests
{
    private static readonly long T0 = Utc("2025-06-30T23:30:00Z").ToUnixTimeMilliseconds();

    private static RecordEntry Active(long version, long time = 0, short authority = 14, short category = 4, uint flags = 0,
        RecordPrecision precision = RecordPrecision.Instant) =>
        new(0, version, RecordStatus.Active, RecordTime.FromStored(precision, time == 0 ? T0 : time), authority, category, flags);

    /// <summary>A cancellation with only an id (and version): no content.</summary>
    private static RecordEntry Cancellation(long version) =>
        new(0, version, RecordStatus.Cancelled, default, -1, -1, 0);

    /// <returns>the outcome, and whether the stored state changes.</returns>
    private static (RecordOutcome Outcome, bool Replaces) Decide(RecordEntry? current, RecordEntry arriving)
    {
        var outcome = LedgerRules.Decide(current, arriving, out var next);
        return (outcome, next is not null);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void New_record_is_accepted(long version)
    {
        Assert.Equal((RecordOutcome.Accepted, true), Decide(null, Active(version)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void New_cancellation_is_kept_as_a_tombstone(long version)
    {
        Assert.Equal((RecordOutcome.Cancelled, true), Decide(null, Cancellation(version)));
    }

    [Fact]
    public void New_cancellation_with_content_is_kept_as_a_tombstone()
    {
        var cancelled = Active(2) with { Status = RecordStatus.Cancelled };

        Assert.Equal((RecordOutcome.Cancelled, true), Decide(null, cancelled));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(0, 0)]
    [InlineData(5, 2)]
    [InlineData(1, 0)]
    public void Identical_content_with_an_equal_or_lower_version_is_a_duplicate_that_changes_nothing(long currentVersion,
        long arrivingVersion)
    {
        Assert.Equal((RecordOutcome.Duplicate, false), Decide(Active(currentVersion), Active(arrivingVersion)));
    }

    // Issue 11: a same-content row with a higher version used to leave the stored version behind, so a later
    // re-send of a version in between was applied as a correction instead of being stale.
    [Theory]
    [InlineData(2, 5)]
    [InlineData(0, 1)]
    public void Identical_content_with_a_higher_version_is_a_duplicate_that_raises_the_stored_version(long currentVersion,
        long arrivingVersion)
    {
        var outcome = LedgerRules.Decide(Active(currentVersion), Active(arrivingVersion), out var next);

        Assert.Equal(RecordOutcome.Duplicate, outcome);
        Assert.Equal(Active(arrivingVersion), next);
    }

    [Fact]
    public void A_lower_version_after_a_duplicate_with_a_higher_version_is_stale()
    {
        // v1, then v3 repeating v1's content, then a late v2 that differs: v3 is the highest version received.
        RecordEntry? state = null;
        var outcomes = new List<RecordOutcome>();
        foreach (var row in new[] { Active(1), Active(3), Active(2, category: 9) })
        {
            outcomes.Add(LedgerRules.Decide(state, row, out var next));
            state = next ?? state;
        }

        Assert.Equal([RecordOutcome.Accepted, RecordOutcome.Duplicate, RecordOutcome.Stale], outcomes);
        Assert.Equal(Active(3), state);
    }

    [Fact]
    public void A_re_sent_cancellation_with_a_higher_version_keeps_the_tombstone_and_its_content_at_the_new_version()
    {
        var tombstone = Active(1) with { Status = RecordStatus.Cancelled };

        var outcome = LedgerRules.Decide(tombstone, Cancellation(3), out var next);

        Assert.Equal(RecordOutcome.Duplicate, outcome);
        Assert.Equal(tombstone with { Version = 3 }, next);
        // cancel v1, cancel v3 (duplicate), then an active v2: the tombstone holds.
        Assert.Equal((RecordOutcome.Stale, false), Decide(next, Active(2)));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    [InlineData(10, 9)]
    public void Lower_version_with_different_content_is_stale(long currentVersion, long arrivingVersion)
    {
        Assert.Equal((RecordOutcome.Stale, false), Decide(Active(currentVersion), Active(arrivingVersion, category: 9)));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(0, 0)]
    [InlineData(2, 3)]
    [InlineData(0, 1)]
    public void Equal_or_higher_version_with_different_content_is_an_update(long currentVersion, long arrivingVersion)
    {
        Assert.Equal((RecordOutcome.Updated, true), Decide(Active(currentVersion), Active(arrivingVersion, category: 9)));
    }

    public static TheoryData<string, RecordEntry> ContentChanges => new()
    {
        { "time", Active(1, time: T0 + 1) },
        { "authority", Active(1, authority: 3) },
        { "category", Active(1, category: 5) },
        { "flags", Active(1, flags: 0b11) },
        { "precision", Active(1, precision: RecordPrecision.Day) },
    };

    [Theory]
    [MemberData(nameof(ContentChanges))]
    public void A_change_of_any_normalised_field_is_an_update(string field, RecordEntry arriving)
    {
        Assert.False(Active(1).SameContentAs(arriving), field);
        Assert.Equal((RecordOutcome.Updated, true), Decide(Active(1), arriving));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(0, 0)]
    public void Cancellation_of_an_existing_record_with_equal_or_higher_version_cancels_it(long currentVersion, long arrivingVersion)
    {
        Assert.Equal((RecordOutcome.Cancelled, true), Decide(Active(currentVersion), Cancellation(arrivingVersion)));
    }

    [Fact]
    public void Cancellation_with_a_lower_version_than_the_current_record_is_stale()
    {
        Assert.Equal((RecordOutcome.Stale, false), Decide(Active(3), Cancellation(2)));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 1)]
    public void Re_sent_cancellation_is_a_duplicate(long currentVersion, long arrivingVersion)
    {
        Assert.Equal((RecordOutcome.Duplicate, false), Decide(Cancellation(currentVersion), Cancellation(arrivingVersion)));
    }

    [Fact]
    public void Cancellation_with_content_and_one_without_are_the_same_content()
    {
        var withContent = Active(2) with { Status = RecordStatus.Cancelled };

        Assert.True(withContent.SameContentAs(Cancellation(2)));
        Assert.Equal((RecordOutcome.Duplicate, false), Decide(withContent, Cancellation(2)));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(0, 1)]
    public void Higher_active_version_after_a_cancellation_counts_again(long cancelledVersion, long arrivingVersion)
    {
        Assert.Equal((RecordOutcome.Updated, true), Decide(Cancellation(cancelledVersion), Active(arrivingVersion)));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    public void Late_original_with_a_lower_version_than_the_tombstone_is_stale(long cancelledVersion, long arrivingVersion)
    {
        Assert.Equal((RecordOutcome.Stale, false), Decide(Cancellation(cancelledVersion), Active(arrivingVersion)));
    }

    // feeds.md: a new cancellation is kept "as a tombstone, so a late original with a lower or equal version
    // cannot bring it back"; only "a higher active version after a cancellation counts again".
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Late_original_with_the_same_version_as_the_tombstone_does_not_bring_it_back(long version)
    {
        var (outcome, replaces) = Decide(Cancellation(version), Active(version));

        Assert.False(replaces, $"outcome was {outcome}");
        Assert.Equal(RecordOutcome.Stale, outcome);
    }

    [Fact]
    public void Same_content_ignores_the_version_but_not_the_status()
    {
        Assert.True(Active(1).SameContentAs(Active(9)));
        Assert.False(Active(1).SameContentAs(Active(1) with { Status = RecordStatus.Cancelled }));
        Assert.False((Active(1) with { Status = RecordStatus.Cancelled }).SameContentAs(Active(1)));
        Assert.True(Cancellation(1).SameContentAs(Cancellation(5)));
    }

    [Fact]
    public void A_sequence_of_rows_follows_the_rules_in_order()
    {
        RecordEntry? state = null;
        var outcomes = new List<RecordOutcome>();
        RecordEntry[] rows =
        [
            Active(1),                 // accepted
            Active(1),                 // duplicate
            Active(2, category: 9),    // updated
            Active(1),                 // stale
            Cancellation(3),           // cancelled
            Cancellation(3),           // duplicate
            Active(4, category: 9),    // updated: counts again
        ];
        foreach (var row in rows)
        {
            outcomes.Add(LedgerRules.Decide(state, row, out var next));
            state = next ?? state;
        }

        Assert.Equal(
            [
                RecordOutcome.Accepted, RecordOutcome.Duplicate, RecordOutcome.Updated, RecordOutcome.Stale,
                RecordOutcome.Cancelled, RecordOutcome.Duplicate, RecordOutcome.Updated,
            ],
            outcomes);
        Assert.Equal(Active(4, category: 9), state);
        Assert.True(state.GetValueOrDefault().Counts);

        var counts = IngestCounts.From(outcomes.ToArray());
        Assert.Equal(new IngestCounts(Accepted: 1, Updated: 2, Duplicates: 2, Stale: 1, Cancelled: 1), counts);
        Assert.Equal(rows.Length, counts.Total);
    }

    [Fact]
    public void Ingest_counts_add_up_to_the_number_of_rows()
    {
        RecordOutcome[] outcomes =
        [
            RecordOutcome.Accepted, RecordOutcome.Accepted, RecordOutcome.Accepted,
            RecordOutcome.Updated, RecordOutcome.Updated,
            RecordOutcome.Duplicate,
            RecordOutcome.Stale, RecordOutcome.Stale, RecordOutcome.Stale, RecordOutcome.Stale,
            RecordOutcome.Cancelled, RecordOutcome.Cancelled,
        ];

        var counts = IngestCounts.From(outcomes);

        Assert.Equal(new IngestCounts(3, 2, 1, 4, 2), counts);
        Assert.Equal(outcomes.Length, counts.Total);
        Assert.Equal(0, IngestCounts.From([]).Total);
    }

    [Fact]
    public void Cancelled_or_content_free_records_count_nowhere()
    {
        Assert.True(Active(1).Counts);
        Assert.True(Active(1).HasContent);
        Assert.False((Active(1) with { Status = RecordStatus.Cancelled }).Counts);
        Assert.False(Cancellation(1).HasContent);
        Assert.False(Cancellation(1).Counts);
        Assert.Equal(0, Cancellation(1).GetCells(new CellContribution[RecordEntry.MaxCells]));
    }

    [Fact]
    public void Record_at_2330_utc_on_30_june_counts_on_1_july()
    {
        var cells = new CellContribution[RecordEntry.MaxCells];
        var entry = Active(1, time: Utc("2025-06-30T23:30:00Z").ToUnixTimeMilliseconds(), category: 4, flags: 0b101);

        var n = entry.GetCells(cells);

        Assert.Equal(2, n);
        Assert.Equal(new CellContribution(CellKey.ForDay(0, 4, 0b101, D("2025-07-01")), 1), cells[0]);
        // Tuesday 00:30 local: hour-of-week 24 of July 2025's profile, which is by category without flags.
        Assert.Equal(new CellContribution(CellKey.ForHourOfWeek(0, 4, 0, MonthIndex.Of(D("2025-07-01")), 24), 1), cells[1]);
    }

    [Fact]
    public void Day_precision_record_counts_on_its_day_but_in_no_hour()
    {
        var cells = new CellContribution[RecordEntry.MaxCells];
        var entry = Active(1, time: D("2025-07-01").DayNumber, precision: RecordPrecision.Day);

        Assert.Equal(1, entry.GetCells(cells));
        Assert.Equal(new CellContribution(CellKey.ForDay(0, 4, 0, D("2025-07-01")), 1), cells[0]);
    }

    [Fact]
    public void Month_precision_record_counts_in_its_month_only()
    {
        var cells = new CellContribution[RecordEntry.MaxCells];
        var month = MonthIndex.Of(D("2025-07-01"));
        var entry = Active(1, time: month, precision: RecordPrecision.Month);

        Assert.Equal(1, entry.GetCells(cells));
        Assert.Equal(new CellContribution(CellKey.ForMonth(0, 4, 0, month), 1), cells[0]);
        Assert.Equal(CellKind.Month, cells[0].Cell.Kind);
    }
}
