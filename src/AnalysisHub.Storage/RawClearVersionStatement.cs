using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>Clears the version a record's row holds once it is listed in record_versions, where the row is not replaced.</summary>
internal sealed class RawClearVersionStatement(SqliteConnection connection) : RawStatement(connection,
    "UPDATE records SET first_at = NULL, first_key = NULL WHERE feed = ?1 AND id = ?2")
{
    public void Clear(string feed, string id)
    {
        BindText(1, feed);
        BindText(2, id);
        Step("clearing a record's listed version");
    }
}
