using System.Buffers.Binary;

namespace AnalysisHub.Domain.Cells;

/// <summary>
/// A compact binary form for sets of (cell, value) pairs: 20 bytes each, little-endian. Used for the
/// change log, grain checkpoints and snapshots, so stored state never depends on type names.
/// </summary>
public static class CellCodec
{
    public const int EntrySize = 20;

    public static byte[] Encode(IReadOnlyCollection<KeyValuePair<CellKey, long>> cells)
    {
        var buffer = new byte[cells.Count * EntrySize];
        var span = buffer.AsSpan();
        foreach (var (key, value) in cells)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span, key.Packed);
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], key.Flags);
            BinaryPrimitives.WriteInt64LittleEndian(span[12..], value);
            span = span[EntrySize..];
        }
        return buffer;
    }

    public static IEnumerable<KeyValuePair<CellKey, long>> Decode(byte[] buffer)
    {
        if (buffer.Length % EntrySize != 0) throw new FormatException("cell buffer has a partial entry");
        for (var offset = 0; offset < buffer.Length; offset += EntrySize)
        {
            var span = buffer.AsSpan(offset, EntrySize);
            var key = CellKey.FromPacked(BinaryPrimitives.ReadUInt64LittleEndian(span),
                BinaryPrimitives.ReadUInt32LittleEndian(span[8..]));
            yield return new(key, BinaryPrimitives.ReadInt64LittleEndian(span[12..]));
        }
    }
}
