using System.CommandLine;
using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli.Ingest;

/// <summary><c>hub ingest PATH… | -</c>: NDJSON and CSV files, folders or standard input into the hub.</summary>
public static class IngestCommand
{
    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "files, folders (searched recursively) or - for standard input",
        Arity = ArgumentArity.OneOrMore,
    };
    private static readonly Option<string?> Feed = new("--feed") { Description = "the feed of every record (default: from each file's name, e.g. crime-2025-06.csv)", HelpName = "FEED" };
    private static readonly Option<string?> Format = new("--format")
    {
        Description = "ndjson or csv (default: from the file's extension; standard input: by its first character)",
        HelpName = "FORMAT",
    };
    private static readonly Option<bool> Resume = new("--resume") { Description = "skip files already fully acknowledged by this hub, unchanged since" };
    private static readonly Option<string?> State = new("--state")
    {
        Description = $"folder for the resume state (default: {ResumeState.BesideFileName} beside the files)",
        HelpName = "DIR",
    };

    public static Command Create(CliConsole console)
    {
        Format.AcceptOnlyFromAmong("ndjson", "csv");
        var command = new Command("ingest", "Send NDJSON or CSV records to the hub in batches, with progress, retries and resume.")
        {
            Paths, Feed, Format, Resume, State,
        };
        UploadOptions.AddTo(command);
        command.SetAction((parsed, cancel) => RunAsync(parsed, console, cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parsed, CliConsole console, CancellationToken cancel)
    {
        var connection = GlobalOptions.Connection(parsed, console);
        var files = InputDiscovery.Expand(parsed.GetValue(Paths)!, console);
        RecordFormat? format = parsed.GetValue(Format) switch { "csv" => RecordFormat.Csv, "ndjson" => RecordFormat.Ndjson, _ => null };
        var feed = parsed.GetValue(Feed);
        if (files.Count == 0) throw HubCommandException.Usage("no .ndjson, .jsonl, .json or .csv files found in the paths given");
        if (files.Any(f => f.Path is null) && feed is null) throw HubCommandException.Usage("standard input needs --feed");

        using var hub = new HubClient(connection, UploadOptions.Retry(parsed));
        var feeds = await FeedNames.LoadAsync(hub, cancel);
        if (feed is not null && !feeds.Has(feed)) throw HubCommandException.Usage($"--feed '{feed}' is not a feed of this hub; its feeds are {feeds.List()}");

        var sources = new List<InputSource>();
        foreach (var (name, path) in files)
        {
            var sourceFeed = feed ?? feeds.FromPath(path!)
                ?? throw HubCommandException.Usage($"{name}: cannot tell the feed from the file's name; pass --feed (feeds: {feeds.List()})");
            var sourceFormat = format ?? (path is null ? RecordFormat.Ndjson : RecordFormats.FromExtension(path))
                ?? throw HubCommandException.Usage($"{name}: cannot tell the format from the extension; pass --format ndjson or csv");
            sources.Add(new InputSource(name, path, sourceFeed, sourceFormat));
        }

        var stateDirectory = parsed.GetValue(State) is { } s ? console.FullPath(s) : null;
        var state = new ResumeState(stateDirectory, connection.Server);
        if (parsed.GetValue(Resume))
        {
            var skipped = sources.Where(state.IsAcknowledged).ToList();
            foreach (var source in skipped) console.Error.WriteLine($"skipped {source.Name}: already acknowledged (--resume)");
            sources = sources.Except(skipped).ToList();
        }

        var tally = new IngestTally();
        var totalBytes = sources.Any(x => x.Path is null) ? (long?)null : sources.Sum(x => new FileInfo(x.Path!).Length);
        var stateProblem = 0;
        void Acknowledged(InputSource source)
        {
            try
            {
                state.Acknowledge(source);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (Interlocked.Exchange(ref stateProblem, 1) == 0)
                    console.Error.WriteLine($"warning: cannot write the resume state ({e.Message}); use --state DIR");
            }
        }

        var label = sources.Count == 1 ? sources[0].Name : $"{sources.Count} files";
        var progress = await ProgressDisplay.RunAsync(console, label, totalBytes, sink =>
            new BatchUploader(hub, parsed.GetValue(UploadOptions.Parallel), tally, sink, Acknowledged)
                .RunAsync(Batches(sources, console, UploadOptions.Limits(parsed), format is null, Acknowledged), cancel));
        UploadSummary.Write(console, tally, progress);
        if (hub.Retries > 0) console.Out.WriteLine($"retried {hub.Retries:N0} request(s)");
        return tally.ExitCode;
    }

    private static IEnumerable<PreparedBatch> Batches(List<InputSource> sources, CliConsole console, BatchLimits limits, bool sniff, Action<InputSource> acknowledged)
    {
        foreach (var listed in sources)
        {
            var source = listed;
            Stream stream;
            try
            {
                stream = source.Path is null ? console.OpenInput() : File.OpenRead(source.Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw HubCommandException.Usage($"{source.Name}: {e.Message}");
            }
            if (source.Path is null && sniff)
            {
                // The prefix stream owns standard input from here on and disposes it.
                stream = PrefixedStream.Peek(stream, 4096, out var start);
                source = new InputSource(source.Name, null, source.Feed, RecordFormats.Sniff(start));
            }
            using (stream)
            {
                foreach (var batch in BatchMaker.Batches(source, stream, limits))
                {
                    source.BatchMade();
                    yield return batch;
                }
            }
            if (source.ReadToEnd()) acknowledged(source);
        }
    }
}
