namespace AnalysisHub.Storage;

/// <summary>
/// A list of record identities (feed slug, id) as one value, for row_versions_by_key: each run of one feed is its
/// slug, how many ids follow and the ids, every string length-prefixed UTF-8 (BinaryWriter's form).
/// </summary>
internal static class RecordKeyList
{
    /// <summary>The identities, best given in key order: each run of one feed is written once.</summary>
    public static byte[] Encode(IReadOnlyList<(string Feed, string Id)> records)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            for (var start = 0; start < records.Count;)
            {
                var feed = records[start].Feed;
                var end = start;
                while (end < records.Count && records[end].Feed == feed) end++;
                writer.Write(feed);
                writer.Write7BitEncodedInt(end - start);
                for (var k = start; k < end; k++) writer.Write(records[k].Id);
                start = end;
            }
        return buffer.ToArray();
    }

    public static void DecodeInto(byte[] value, ICollection<(string Feed, string Id)> records)
    {
        using var reader = new BinaryReader(new MemoryStream(value), System.Text.Encoding.UTF8);
        while (reader.BaseStream.Position < value.Length)
        {
            var feed = reader.ReadString();
            for (var count = reader.Read7BitEncodedInt(); count > 0; count--) records.Add((feed, reader.ReadString()));
        }
    }
}
