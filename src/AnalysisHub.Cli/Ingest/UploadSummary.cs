namespace AnalysisHub.Cli.Ingest;

/// <summary>What an upload prints at its end: the refused rows with file and line, then the counts.</summary>
public static class UploadSummary
{
    /// <summary>Refused rows listed in full up to this many; the rest are counted.</summary>
    public const int RejectedListed = 100;

    public static void Write(CliConsole console, IngestTally tally, ProgressDisplay progress)
    {
        var listed = 0;
        foreach (var row in tally.Rejected.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Line))
        {
            if (listed++ == RejectedListed) break;
            console.Error.WriteLine($"rejected: {row}");
        }
        if (tally.Rejected.Count > RejectedListed) console.Error.WriteLine($"rejected: … and {tally.Rejected.Count - RejectedListed:N0} more problem(s)");
        foreach (var note in tally.Notes) console.Error.WriteLine($"rejected: {note}");

        console.Out.WriteLine($"sent {tally.Rows:N0} records in {tally.Batches:N0} batches in {progress.Elapsed.TotalSeconds:0.0} s ({progress.RecordsPerSecond:N0} records/s)");
        console.Out.WriteLine(tally.Decisions());
        if (tally.RefusedRows > 0)
            console.Out.WriteLine($"refused {tally.RefusedRows:N0} records in batches with {tally.Problems:N0} problem(s); nothing of those batches was applied");
    }
}
