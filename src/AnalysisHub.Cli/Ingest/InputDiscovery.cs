namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// Turns the paths given to <c>hub ingest</c> into sources: files as named, folders searched recursively for
/// <c>.ndjson</c>, <c>.jsonl</c>, <c>.json</c> and <c>.csv</c> files (in name order, hidden files skipped), and
/// <c>-</c> for standard input.
/// </summary>
public static class InputDiscovery
{
    public const string StandardInput = "-";

    /// <summary>Every file named by the paths, as (name to show, full path); null full path for standard input.</summary>
    public static List<(string Name, string? Path)> Expand(IEnumerable<string> paths, CliConsole console)
    {
        var found = new List<(string, string?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in paths)
        {
            if (given == StandardInput)
            {
                if (seen.Add(StandardInput)) found.Add(("stdin", null));
                continue;
            }
            var full = console.FullPath(given);
            if (Directory.Exists(full))
            {
                var files = Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
                    .Where(f => !Path.GetFileName(f).StartsWith('.') && RecordFormats.FromExtension(f) is not null
                                && Path.GetFileName(f) != ResumeState.DirectoryFileName)
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                    if (seen.Add(file)) found.Add((Path.Join(given, Path.GetRelativePath(full, file)), file));
            }
            else if (File.Exists(full))
            {
                if (seen.Add(full)) found.Add((given, full));
            }
            else throw HubCommandException.Usage($"{given}: no such file or folder");
        }
        return found;
    }
}
