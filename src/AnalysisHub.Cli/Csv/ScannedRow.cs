namespace AnalysisHub.Cli.Csv;

/// <summary>
/// One row of an input file: its bytes without the line ending (valid until the scanner moves on), the 1-based
/// line it starts on, and how many bytes of the file it took (line ending included), for progress.
/// </summary>
public readonly record struct ScannedRow(ReadOnlyMemory<byte> Bytes, int Line, int FileBytes);
