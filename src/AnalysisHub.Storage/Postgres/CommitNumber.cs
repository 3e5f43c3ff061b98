using Npgsql;

namespace AnalysisHub.Storage.Postgres;

/// <summary>
/// A transaction's number for record_versions.seq, taken from the sequence when first needed — always once the
/// transaction holds the locks of every record it touches: a writer that touches one of them later waits for this
/// transaction, and so takes a higher number (the sequence has no cache). A commit of new records whose rows hold
/// their versions needs none.
/// </summary>
internal sealed class CommitNumber
{
    private long? _value;

    public long Take(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        if (_value is { } value) return value;
        using var number = new NpgsqlCommand("SELECT nextval('record_version_commits')", connection, tx);
        _value = (long)number.ExecuteScalar()!;
        return _value.Value;
    }
}
