using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>
/// What the small SQLite stores (keys, audit, alerts, indicators, deliveries, defined footprints) share: a file made
/// ready with its schema, a connection that syncs every commit, and one form of time.
/// </summary>
internal static class SqliteFiles
{
    /// <summary>Makes the file's folder, applies its (idempotent) schema, and gives the connection string to open it with.</summary>
    public static string Prepare(string databasePath, string schema)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30 }.ToString();
        using var connection = OpenDurable(connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = schema;
        command.ExecuteNonQuery();
        return connectionString;
    }

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
    public static string Time(DateTimeOffset at) => new(FormatTime(at, stackalloc char[TimeLength]));

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The length of <see cref="Time"/>'s text.</summary>
    public const int TimeLength = 28;

    /// <summary><see cref="Time"/> written into <paramref name="destination"/> (<see cref="TimeLength"/> characters), for a statement run once per row.</summary>
    public static ReadOnlySpan<char> FormatTime(DateTimeOffset at, Span<char> destination) =>
        at.UtcDateTime.TryFormat(destination, out var written, TimeFormat, CultureInfo.InvariantCulture)
            ? destination[..written]
            : throw new FormatException("a time did not fit its fixed width");

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
