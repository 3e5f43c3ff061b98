using System.Text.Json;

namespace AnalysisHub.Cli.Ingest;

// Implementation note: a file counts as the same file when its length and last-write time match (as rsync
// judges), not by a hash: a hash would read every byte of a folder of files before skipping any. The hub's
// address and the feed are part of the fingerprint, so loading the same files into another hub sends them.

/// <summary>
/// The files already fully acknowledged, kept in <c>.hub-ingest-state.json</c> beside them, or in one
/// <c>ingest-state.json</c> under <c>--state DIR</c>. A file is recorded only when every batch of it was
/// acknowledged; <c>--resume</c> skips the recorded files that have not changed since.
/// </summary>
public sealed class ResumeState(string? stateDirectory, Uri server)
{
    public const string BesideFileName = ".hub-ingest-state.json";
    public const string DirectoryFileName = "ingest-state.json";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, string>> _files = new(StringComparer.Ordinal);

    public bool IsAcknowledged(InputSource source)
    {
        if (source.Path is null) return false;
        var (file, key) = Where(source.Path);
        lock (_gate) return Load(file).TryGetValue(key, out var fingerprint) && fingerprint == Fingerprint(source);
    }

    /// <summary>Records a fully acknowledged file; written at once (to a temporary file, then renamed), so a later failure keeps it.</summary>
    public void Acknowledge(InputSource source)
    {
        if (source.Path is null) return;
        var (file, key) = Where(source.Path);
        lock (_gate)
        {
            var entries = Load(file);
            entries[key] = Fingerprint(source);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temporary = file + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(entries, new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temporary, file, overwrite: true);
        }
    }

    private (string File, string Key) Where(string path) => stateDirectory is null
        ? (Path.Combine(Path.GetDirectoryName(path)!, BesideFileName), Path.GetFileName(path))
        : (Path.Combine(stateDirectory, DirectoryFileName), path);

    private Dictionary<string, string> Load(string file)
    {
        if (_files.TryGetValue(file, out var entries)) return entries;
        entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(file))
        {
            try
            {
                entries = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? entries;
            }
            catch (JsonException)
            {
                // A damaged state file only means the files are sent again, which the ids make harmless.
            }
        }
        return _files[file] = entries;
    }

    private string Fingerprint(InputSource source)
    {
        var info = new FileInfo(source.Path!);
        return $"{server}|{source.Feed}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
    }
}
