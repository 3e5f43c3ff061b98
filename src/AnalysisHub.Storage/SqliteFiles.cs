using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>What the small SQLite stores (keys, audit) share: a connection that syncs every commit, and one form of time.</summary>
internal static class SqliteFiles
{
    /// <summary>A connection whose commits reach the disk before they return: what is acknowledged stays.</summary>
    public static SqliteConnection OpenDurable(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Fixed-width UTC text: it sorts as time does, so comparisons such as <c>at &gt;= $since</c> hold as text.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
