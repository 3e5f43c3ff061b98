namespace AnalysisHub.Server.Hosting;

/// <summary>Where the ledger, alerts, checkpoints and (in a cluster) membership live (<c>--storage</c>).</summary>
public enum StorageKind
{
    /// <summary>SQLite files in the data folder; one silo, localhost clustering. Nothing to install.</summary>
    Sqlite,

    /// <summary>One PostgreSQL database shared by every node (<c>--connection-string</c>); any number of silos.</summary>
    Postgres,
}
