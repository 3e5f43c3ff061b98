using System.Globalization;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Completeness;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>
/// Suppliers' declarations of their months in their own SQLite file (<c>deliveries.db</c>), every commit synced
/// (<see cref="SqliteFiles.OpenDurable"/>). The embedded hub's store; a cluster uses
/// <see cref="Postgres.PostgresDeliveryStore"/>. Microsoft.Data.Sqlite is synchronous, so the work runs on the thread
/// pool and the caller awaits it.
/// </summary>
public sealed class SqliteDeliveryStore : IDeliveryStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS delivery_declarations (
            feed TEXT NOT NULL, authority TEXT NOT NULL, month TEXT NOT NULL,
            status TEXT NOT NULL, declared_at TEXT NOT NULL, key_id TEXT,
            PRIMARY KEY (feed, month, authority)
        );
        """;

    private readonly string _connectionString;

    public SqliteDeliveryStore(string databasePath)
    {
        _connectionString = SqliteFiles.Prepare(databasePath, Schema);
    }

    public Task<bool> PutAsync(DeliveryDeclaration declaration, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        using var connection = SqliteFiles.OpenDurable(_connectionString);
        using var tx = connection.BeginTransaction();
        using var exists = connection.CreateCommand();
        exists.Transaction = tx;
        exists.CommandText = "SELECT count(*) FROM delivery_declarations WHERE feed = $feed AND authority = $authority AND month = $month";
        AddKey(exists, declaration);
        var created = (long)exists.ExecuteScalar()! == 0;
        using var upsert = connection.CreateCommand();
        upsert.Transaction = tx;
        upsert.CommandText = """
            INSERT INTO delivery_declarations (feed, authority, month, status, declared_at, key_id) VALUES ($feed, $authority, $month, $status, $at, $key)
            ON CONFLICT (feed, month, authority) DO UPDATE SET status = excluded.status, declared_at = excluded.declared_at, key_id = excluded.key_id
            """;
        AddKey(upsert, declaration);
        upsert.Parameters.AddWithValue("$status", declaration.Status.ToSlug());
        upsert.Parameters.AddWithValue("$at", declaration.DeclaredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        upsert.Parameters.AddWithValue("$key", (object?)declaration.KeyId ?? DBNull.Value);
        upsert.ExecuteNonQuery();
        tx.Commit();
        return created;
    }, cancellationToken);

    public Task<IReadOnlyList<DeliveryDeclaration>> ListAsync(string feed, int firstMonth, int lastMonth, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<DeliveryDeclaration>>(() =>
        {
            using var connection = SqliteFiles.OpenDurable(_connectionString);
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT feed, authority, month, status, declared_at, key_id FROM delivery_declarations
                WHERE feed = $feed AND month >= $first AND month <= $last ORDER BY authority, month
                """;
            command.Parameters.AddWithValue("$feed", feed);
            command.Parameters.AddWithValue("$first", DeliveryColumns.Month(firstMonth));
            command.Parameters.AddWithValue("$last", DeliveryColumns.Month(lastMonth));
            using var reader = command.ExecuteReader();
            var declarations = new List<DeliveryDeclaration>();
            while (reader.Read())
                declarations.Add(new DeliveryDeclaration(reader.GetString(0), reader.GetString(1), DeliveryColumns.ReadMonth(reader.GetString(2)),
                    DeliveryColumns.ReadStatus(reader.GetString(3)),
                    DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            return declarations;
        }, cancellationToken);

    private static void AddKey(SqliteCommand command, DeliveryDeclaration declaration)
    {
        command.Parameters.AddWithValue("$feed", declaration.Feed);
        command.Parameters.AddWithValue("$authority", declaration.Authority);
        command.Parameters.AddWithValue("$month", DeliveryColumns.Month(declaration.Month));
    }
}

/// <summary>How both stores write a declaration's month (<c>YYYY-MM</c>, which sorts as text the way months sort) and status.</summary>
internal static class DeliveryColumns
{
    public static string Month(int month) => MonthIndex.FirstDay(Math.Max(0, month)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static int ReadMonth(string text) =>
        MonthIndex.Of(DateOnly.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static DeclaredDelivery ReadStatus(string text) =>
        DeliveryStatusNames.TryParseDeclared(text, out var status) ? status : throw new InvalidDataException($"unknown declared status '{text}'");
}
