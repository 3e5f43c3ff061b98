using System.CommandLine;
using AnalysisHub.Cli.Hub;
using AnalysisHub.Cli.Ingest;

namespace AnalysisHub.Cli.PoliceUk;

/// <summary><c>hub import police-uk PATH…</c>: data.police.uk street files, folders of them or the downloaded .zip.</summary>
public static class ImportCommand
{
    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "street files (YYYY-MM-<force>-street.csv), folders of them (the archive layout YYYY-MM/…) or a .zip",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create(CliConsole console)
    {
        var policeUk = new Command("police-uk",
            "Import data.police.uk street files: crimes to the crime feed, anti-social behaviour to incidents, by month, placed by LSOA.")
        {
            Paths,
        };
        UploadOptions.AddTo(policeUk);
        policeUk.SetAction((parsed, cancel) => RunAsync(parsed, console, cancel));
        return new Command("import", "Import files published in other formats.") { policeUk };
    }

    private static async Task<int> RunAsync(ParseResult parsed, CliConsole console, CancellationToken cancel)
    {
        var connection = GlobalOptions.Connection(parsed, console);
        var files = StreetFile.Expand(parsed.GetValue(Paths)!, console);
        using var hub = new HubClient(connection, UploadOptions.Retry(parsed));
        var feeds = await FeedNames.LoadAsync(hub, cancel);
        foreach (var needed in new[] { "crime", "incidents" })
            if (!feeds.Has(needed)) throw HubCommandException.Usage($"the hub has no '{needed}' feed; its feeds are {feeds.List()}");

        var report = new ImportReport();
        var reader = new StreetFileReader(LsoaPlaces.Embedded(), feeds, report);
        var limits = UploadOptions.Limits(parsed);
        var tally = new IngestTally();
        // Progress counts files: each one's share is given when its last batch is answered.
        var progressTotal = files.Count;
        // Files are read one at a time as the uploads drain them; the report is complete once every file is read.
        IEnumerable<PreparedBatch> Batches()
        {
            foreach (var file in files)
            {
                List<StreetRecord> records;
                try
                {
                    records = reader.Read(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.IO.InvalidDataException)
                {
                    throw new HubCommandException(ExitCodes.RejectedInput, $"{file.Name}: {e.Message}");
                }
                var batches = StreetBatches.Cut(file.Name, records, limits).ToList();
                for (var i = 0; i < batches.Count; i++)
                    yield return batches[i] with { SourceBytes = i == batches.Count - 1 ? 1 : 0 };
            }
        }

        var label = files.Count == 1 ? files[0].Name : $"{files.Count} street files";
        var progress = await ProgressDisplay.RunAsync(console, label, progressTotal, sink =>
            new BatchUploader(hub, parsed.GetValue(UploadOptions.Parallel), tally, sink).RunAsync(Batches(), cancel));

        report.Write(console.Out);
        foreach (var row in report.Unusable.Take(UploadSummary.RejectedListed)) console.Error.WriteLine($"rejected: {row}");
        if (report.Unusable.Count > UploadSummary.RejectedListed) console.Error.WriteLine($"rejected: … and {report.Unusable.Count - UploadSummary.RejectedListed:N0} more row(s)");
        if (report.Unusable.Count > 0)
        {
            console.Out.WriteLine($"{report.Unusable.Count:N0} row(s) could not be read as records and were not sent");
            tally.Raise(ExitCodes.RejectedInput);
        }
        UploadSummary.Write(console, tally, progress);
        return tally.ExitCode;
    }
}
