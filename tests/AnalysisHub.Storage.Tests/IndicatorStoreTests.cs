using AnalysisHub.Domain.Indicators;
using AnalysisHub.Storage.Postgres;
using Npgsql;

namespace AnalysisHub.Storage.Tests;

/// <summary>The indicator-store contract, run on both stores.</summary>
public abstract class IndicatorStoreTests
{
    private const string Confidence = "police-and-council-dealing-with-issues";

    protected abstract IIndicatorStore Store { get; }

    /// <summary>A store opened afresh over the same database, as after a restart.</summary>
    protected abstract IIndicatorStore Reopen();

    private static IndicatorTarget Gwent() => new(Confidence, "force:gwent",
        new TargetBaseline(new DateOnly(2007, 10, 1), new DateOnly(2008, 9, 30), 39),
        [new TargetMilestone(new DateOnly(2011, 3, 31), 52.0), new TargetMilestone(new DateOnly(2012, 3, 31), 57.0)]);

    private static PublishedFigure Survey(string footprint, double percent, long unweightedBase, string source = "Crime Survey for England and Wales", string? note = null) =>
        new(Confidence, footprint, new DateOnly(2008, 10, 1), new DateOnly(2009, 9, 30), percent, unweightedBase, source, note);

    [Fact]
    public async Task A_target_is_read_back_whole_and_a_second_put_replaces_it()
    {
        Assert.Null(await Store.GetTargetAsync(Confidence, "force:gwent"));
        await Store.PutTargetAsync(Gwent());
        Assert.Equal(Gwent(), await Store.GetTargetAsync(Confidence, "force:gwent"));

        var revised = Gwent() with { Baseline = Gwent().Baseline with { Percent = 39.5 }, Milestones = [new TargetMilestone(new DateOnly(2012, 3, 31), 58.25)] };
        await Store.PutTargetAsync(revised);
        Assert.Equal(revised, await Store.GetTargetAsync(Confidence, "force:gwent"));
        Assert.Equal([revised], await Store.ListTargetsAsync(Confidence));
    }

    [Fact]
    public async Task Targets_are_listed_by_footprint_and_kept_apart_by_indicator()
    {
        await Store.PutTargetAsync(Gwent() with { Footprint = "force:south-wales" });
        await Store.PutTargetAsync(Gwent());
        await Store.PutTargetAsync(Gwent() with { Indicator = "another-indicator" });

        Assert.Equal(["force:gwent", "force:south-wales"], (await Store.ListTargetsAsync(Confidence)).Select(t => t.Footprint));
        Assert.Single(await Store.ListTargetsAsync("another-indicator"));
        Assert.Null(await Store.GetTargetAsync("another-indicator", "force:south-wales"));
    }

    [Fact]
    public async Task A_figure_posted_again_replaces_the_one_of_the_same_footprint_period_and_source()
    {
        Assert.Equal((2, 0), await Store.PutPublishedAsync([Survey("force:gwent", 45, 830), Survey("nation:wales", 47, 3811)]));
        Assert.Equal((2, 1), await Store.PutPublishedAsync([Survey("force:gwent", 45.5, 831, note: "revised"), Survey("force:gwent", 44, 200, source: "Gwent local survey")]));

        var gwent = await Store.ListPublishedAsync(Confidence, "force:gwent");
        Assert.Equal([Survey("force:gwent", 45.5, 831, note: "revised"), Survey("force:gwent", 44, 200, source: "Gwent local survey")], gwent);
        Assert.Equal(3, (await Store.ListPublishedAsync(Confidence)).Count);
        Assert.Empty(await Store.ListPublishedAsync("another-indicator"));
    }

    [Fact]
    public async Task Figures_are_listed_by_footprint_then_period_end_then_source()
    {
        var earlier = Survey("force:gwent", 41, 800) with { From = new DateOnly(2007, 10, 1), To = new DateOnly(2008, 9, 30) };
        await Store.PutPublishedAsync([Survey("nation:wales", 47, 3811), Survey("force:gwent", 45, 830, source: "b"), Survey("force:gwent", 44, 830, source: "a"), earlier]);

        Assert.Equal([earlier, Survey("force:gwent", 44, 830, source: "a"), Survey("force:gwent", 45, 830, source: "b"), Survey("nation:wales", 47, 3811)],
            await Store.ListPublishedAsync(Confidence));
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_stores_nothing()
    {
        await Store.PutPublishedAsync([Survey("force:gwent", 45, 830)]);
        // A figure the database refuses (no source) after two good ones, one of them replacing a stored figure.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.PutPublishedAsync(
            [Survey("force:gwent", 99, 1), Survey("nation:wales", 47, 3811), Survey("force:north-wales", 49, 990) with { Source = null! }]));

        Assert.Equal([Survey("force:gwent", 45, 830)], await Store.ListPublishedAsync(Confidence));
    }

    [Fact]
    public async Task What_was_stored_is_there_after_a_restart()
    {
        await Store.PutTargetAsync(Gwent());
        await Store.PutPublishedAsync([Survey("force:gwent", 45, 830, note: "significant rise")]);

        var reopened = Reopen();
        Assert.Equal(Gwent(), await reopened.GetTargetAsync(Confidence, "force:gwent"));
        Assert.Equal([Survey("force:gwent", 45, 830, note: "significant rise")], await reopened.ListPublishedAsync(Confidence));
    }
}

public sealed class SqliteIndicatorStoreTests : IndicatorStoreTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-indicators-" + Guid.NewGuid().ToString("N"));

    public SqliteIndicatorStoreTests() => Store = new SqliteIndicatorStore(Path.Combine(_directory, "indicators.db"));

    protected override IIndicatorStore Store { get; }

    protected override IIndicatorStore Reopen()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new SqliteIndicatorStore(Path.Combine(_directory, "indicators.db"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresIndicatorStoreTests(PostgresServer server) : IndicatorStoreTests, IDisposable
{
    private readonly PostgresStoreDatabase _database = new(server);

    protected override IIndicatorStore Store => field ??= Reopen();

    protected override IIndicatorStore Reopen() => new PostgresIndicatorStore(_database.NewDataSource());

    public void Dispose() => _database.Dispose();
}
