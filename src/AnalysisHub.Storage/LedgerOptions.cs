namespace AnalysisHub.Storage;

/// <summary>Where the record ledger lives and how commits are grouped.</summary>
public sealed class LedgerOptions
{
    /// <summary>SQLite file of the ledger (records, change log, cursors).</summary>
    public required string DatabasePath { get; set; }

    /// <summary>
    /// A commit takes every batch waiting when it starts, up to this many rows: many small batches share one
    /// durable write instead of paying for one each.
    /// </summary>
    public int MaxRowsPerCommit { get; set; } = 100_000;

    /// <summary>SQLite page size of a new ledger file, in bytes (an existing file keeps its own).</summary>
    public int PageSize { get; set; } = 16384;

    /// <summary>Page cache of the writing connection, in MB.</summary>
    public int WriterCacheMegabytes { get; set; } = 256;
}
