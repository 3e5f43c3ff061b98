namespace AnalysisHub.Storage.Postgres;

/// <summary>Where the PostgreSQL record ledger lives.</summary>
public sealed class PostgresLedgerOptions
{
    /// <summary>Npgsql connection string of the ledger database (records, change log, cursors).</summary>
    public required string ConnectionString { get; set; }

    /// <summary>How often a commit that lost a deadlock or serialisation race is retried whole.</summary>
    public int CommitAttempts { get; set; } = 3;
}
