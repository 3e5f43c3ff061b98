using System.IO.Compression;

namespace AnalysisHub.Cli.PoliceUk;

/// <summary>One street file to import: how it is named in the report, and how to read it.</summary>
public sealed record StreetFile(string Name, Func<Stream> Open)
{
    private const string Suffix = "-street.csv";

    /// <summary>
    /// The street files the paths name: a <c>.csv</c> file as given; in a folder or a <c>.zip</c> (the archive
    /// data.police.uk hands out: <c>YYYY-MM/YYYY-MM-&lt;force&gt;-street.csv</c>) every <c>*-street.csv</c>, in name order.
    /// </summary>
    public static List<StreetFile> Expand(IEnumerable<string> paths, CliConsole console)
    {
        var files = new List<StreetFile>();
        foreach (var given in paths)
        {
            var full = console.FullPath(given);
            if (Directory.Exists(full))
            {
                files.AddRange(Directory.EnumerateFiles(full, "*" + Suffix, SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .Select(f => new StreetFile(Path.Join(given, Path.GetRelativePath(full, f)), () => File.OpenRead(f))));
                foreach (var zip in Directory.EnumerateFiles(full, "*.zip", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    files.AddRange(InZip(zip, Path.Join(given, Path.GetRelativePath(full, zip))));
            }
            else if (File.Exists(full) && full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) files.AddRange(InZip(full, given));
            else if (File.Exists(full)) files.Add(new StreetFile(given, () => File.OpenRead(full)));
            else throw HubCommandException.Usage($"{given}: no such file or folder");
        }
        if (files.Count == 0) throw HubCommandException.Usage("no street files (*-street.csv, or a .zip of them) in the paths given");
        return files;
    }

    private static IEnumerable<StreetFile> InZip(string zip, string shown)
    {
        List<string> entries;
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            entries = archive.Entries.Where(e => e.FullName.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
                .Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new HubCommandException(ExitCodes.RejectedInput, $"{shown}: not a readable .zip ({e.Message})");
        }
        // Each entry is read into memory when its turn comes: a month of one force is a few MB.
        return entries.Select(entry => new StreetFile($"{shown}!{entry}", () =>
        {
            using var archive = ZipFile.OpenRead(zip);
            using var stream = archive.GetEntry(entry)!.Open();
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            return copy;
        }));
    }
}
