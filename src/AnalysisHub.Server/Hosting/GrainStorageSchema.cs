using Microsoft.Data.Sqlite;

namespace AnalysisHub.Server.Hosting;

/// <summary>Creates the Orleans ADO.NET grain-storage tables in the embedded SQLite file (idempotent).</summary>
internal static class GrainStorageSchema
{
    public static void ApplySqlite(string connectionString)
    {
        using var stream = typeof(GrainStorageSchema).Assembly.GetManifestResourceStream("orleans-grain-storage.sql")!;
        using var reader = new StreamReader(stream);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = reader.ReadToEnd();
        command.ExecuteNonQuery();
    }
}
