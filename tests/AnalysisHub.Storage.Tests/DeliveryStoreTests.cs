using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Completeness;
using AnalysisHub.Storage.Postgres;
using Npgsql;

namespace AnalysisHub.Storage.Tests;

/// <summary>The delivery-store contract, run on both stores (authorities are listed by ONS code: Swansea W06000011 before Cardiff W06000015).</summary>
public abstract class DeliveryStoreTests
{
    private const string Cardiff = "W06000015", Swansea = "W06000011";

    protected abstract IDeliveryStore Store { get; }

    /// <summary>A store opened afresh over the same database, as after a restart.</summary>
    protected abstract IDeliveryStore Reopen();

    private static int Month(int year, int month) => MonthIndex.Of(new DateOnly(year, month, 1));

    private static DeliveryDeclaration Declared(string authority, int month, DeclaredDelivery status, string? key = "k_1") =>
        new("crime", authority, month, status, new DateTimeOffset(2026, 12, 4, 10, 30, 15, TimeSpan.Zero), key);

    [Fact]
    public async Task A_declaration_is_read_back_and_a_second_one_of_the_same_month_replaces_it()
    {
        Assert.True(await Store.PutAsync(Declared(Cardiff, Month(2025, 7), DeclaredDelivery.Complete)));
        var withdrawn = Declared(Cardiff, Month(2025, 7), DeclaredDelivery.Withdrawn, key: null) with { DeclaredAt = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero) };
        Assert.False(await Store.PutAsync(withdrawn));
        Assert.Equal([withdrawn], await Store.ListAsync("crime", Month(2025, 1), Month(2025, 12)));
    }

    [Fact]
    public async Task Declarations_are_listed_by_authority_and_month_within_the_months_asked_and_kept_apart_by_feed()
    {
        await Store.PutAsync(Declared(Swansea, Month(2025, 6), DeclaredDelivery.Complete));
        await Store.PutAsync(Declared(Cardiff, Month(2025, 8), DeclaredDelivery.Complete));
        await Store.PutAsync(Declared(Cardiff, Month(2025, 6), DeclaredDelivery.Withdrawn));
        await Store.PutAsync(Declared(Cardiff, Month(2024, 12), DeclaredDelivery.Complete));
        await Store.PutAsync(Declared(Cardiff, Month(2025, 6), DeclaredDelivery.Complete) with { Feed = "calls" });

        Assert.Equal([(Swansea, Month(2025, 6)), (Cardiff, Month(2025, 6)), (Cardiff, Month(2025, 8))],
            (await Store.ListAsync("crime", Month(2025, 1), Month(2025, 8))).Select(d => (d.Authority, d.Month)));
        Assert.Single(await Store.ListAsync("calls", Month(2025, 1), Month(2025, 12)));
        Assert.Empty(await Store.ListAsync("crime", Month(2025, 9), Month(2025, 12)));
    }

    [Fact]
    public async Task What_was_declared_is_there_after_a_restart()
    {
        await Store.PutAsync(Declared(Cardiff, Month(2025, 7), DeclaredDelivery.Withdrawn));
        Assert.Equal([Declared(Cardiff, Month(2025, 7), DeclaredDelivery.Withdrawn)], await Reopen().ListAsync("crime", Month(2025, 7), Month(2025, 7)));
    }
}

public sealed class SqliteDeliveryStoreTests : DeliveryStoreTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-deliveries-" + Guid.NewGuid().ToString("N"));

    public SqliteDeliveryStoreTests() => Store = new SqliteDeliveryStore(Path.Combine(_directory, "deliveries.db"));

    protected override IDeliveryStore Store { get; }

    protected override IDeliveryStore Reopen()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new SqliteDeliveryStore(Path.Combine(_directory, "deliveries.db"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeliveryStoreTests(PostgresServer server) : DeliveryStoreTests, IDisposable
{
    private readonly PostgresStoreDatabase _database = new(server);

    protected override IDeliveryStore Store => field ??= Reopen();

    protected override IDeliveryStore Reopen() => new PostgresDeliveryStore(_database.NewDataSource());

    public void Dispose() => _database.Dispose();
}
